import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import {
  exportRequestEndpoints,
  type CreateExportRequestBody,
} from '../../../../../server/modules/export-requests/contract.ts';
import { call, download } from '../../../../shared/api.ts';

export type ExportRequestView = Awaited<ReturnType<typeof fetchRequests>>['items'][number];
type View = 'mine' | 'to_decide';

const fetchRequests = (view: View, page: number, signal?: AbortSignal) =>
  call(exportRequestEndpoints.listExportRequests, {
    query: { view, page, pageSize: 20 },
    ...(signal ? { signal } : {}),
  });

/** The actor's own requests, or those they may decide (live events refresh both). */
export function useExportRequests(view: View, page: number, enabled = true) {
  return useQuery({
    queryKey: ['export-requests', view, page],
    queryFn: ({ signal }) => fetchRequests(view, page, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** Asks for an unmasked export that needs approval (the export's filters and the reason). */
export const requestExport = (body: z.input<typeof CreateExportRequestBody>) =>
  call(exportRequestEndpoints.createExportRequest, { body });

export function useDecideExportRequest() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (d: { id: string; approve: boolean; note?: string }) =>
      d.approve
        ? call(exportRequestEndpoints.approveExportRequest, {
            params: { id: d.id },
            body: d.note ? { note: d.note } : {},
          })
        : call(exportRequestEndpoints.refuseExportRequest, {
            params: { id: d.id },
            body: { note: d.note ?? '' },
          }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['export-requests'] }),
  });
}

export function useDownloadExportRequest() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (d: { id: string; fileName: string }) =>
      download(exportRequestEndpoints.downloadExportRequest, {
        params: { id: d.id },
        fileName: d.fileName,
      }),
    onSettled: () => client.invalidateQueries({ queryKey: ['export-requests'] }),
  });
}
