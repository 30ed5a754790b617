import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import {
  emergencyEndpoints,
  type AddEmergencyCallBody,
  type EmergencyStatus,
  type RecordEmergencyBody,
} from '../../../../../server/modules/emergencies/contract.ts';
import { call } from '../../../../shared/api.ts';

export type EmergencySummary = Awaited<ReturnType<typeof fetchList>>['items'][number];
export type EmergencyDetail = Awaited<ReturnType<typeof fetchDetail>>;

/** Every cached answer of the module: a live event of an emergency refreshes them all. */
export const emergencyKeys = {
  all: ['emergencies'] as const,
  list: (status: EmergencyStatus | undefined, page: number) =>
    ['emergencies', 'list', status ?? 'all', page] as const,
  open: ['emergencies', 'open'] as const,
  detail: (id: string) => ['emergencies', 'detail', id] as const,
};

const fetchList = (
  query: { status?: EmergencyStatus; page: number; pageSize: number },
  signal?: AbortSignal,
) => call(emergencyEndpoints.listEmergencies, { query, ...(signal ? { signal } : {}) });

const fetchDetail = (id: string, signal?: AbortSignal) =>
  call(emergencyEndpoints.getEmergency, { params: { id }, ...(signal ? { signal } : {}) });

/** GET /api/emergencies: the caller's scope, open ones first. */
export function useEmergencies(status: EmergencyStatus | undefined, page: number) {
  return useQuery({
    queryKey: emergencyKeys.list(status, page),
    queryFn: ({ signal }) =>
      fetchList({ ...(status ? { status } : {}), page, pageSize: 20 }, signal),
    placeholderData: keepPreviousData,
  });
}

/** The open emergencies of the caller's scope, for the console's banner (live events refresh it). */
export function useOpenEmergencies(enabled: boolean) {
  return useQuery({
    queryKey: emergencyKeys.open,
    queryFn: ({ signal }) => fetchList({ status: 'open', page: 1, pageSize: 50 }, signal),
    enabled,
  });
}

/** GET /api/emergencies/:id with its call log (each read is audited on the server). */
export function useEmergency(id: string | null) {
  return useQuery({
    queryKey: emergencyKeys.detail(id ?? ''),
    queryFn: ({ signal }) => fetchDetail(id ?? '', signal),
    enabled: id !== null,
  });
}

function useEmergencyMutation<T>(fn: (input: T) => Promise<EmergencyDetail>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (detail) => {
      client.setQueryData(emergencyKeys.detail(detail.id), detail);
      void client.invalidateQueries({ queryKey: ['emergencies', 'list'] });
      void client.invalidateQueries({ queryKey: emergencyKeys.open });
      void client.invalidateQueries({ queryKey: ['households'] });
    },
  });
}

export const useRecordEmergency = () =>
  useEmergencyMutation((body: z.input<typeof RecordEmergencyBody>) =>
    call(emergencyEndpoints.recordEmergency, { body }),
  );

export const useTakeEmergency = () =>
  useEmergencyMutation((d: { id: string; version: number }) =>
    call(emergencyEndpoints.takeEmergency, {
      params: { id: d.id },
      body: { version: d.version },
    }),
  );

export const useAddEmergencyCall = () =>
  useEmergencyMutation((d: { id: string } & z.input<typeof AddEmergencyCallBody>) => {
    const { id, ...body } = d;
    return call(emergencyEndpoints.addEmergencyCall, { params: { id }, body });
  });

export const useCloseEmergency = () =>
  useEmergencyMutation((d: { id: string; outcome: string; version: number }) =>
    call(emergencyEndpoints.closeEmergency, {
      params: { id: d.id },
      body: { outcome: d.outcome, version: d.version },
    }),
  );
