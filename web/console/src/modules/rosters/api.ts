import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import {
  rosterEndpoints,
  type ExportRoundsBody,
  type ListRoundsQuery,
  type RevealableEntryField,
  type ReturnRoundBody,
  type UpdateRosterSettingBody,
} from '../../../../../server/modules/rosters/contract.ts';
import { call, download, upload, type UploadProgress } from '../../../../shared/api.ts';

type ListQuery = Partial<z.infer<typeof ListRoundsQuery>>;
type Rounds = z.infer<typeof rosterEndpoints.listRosterRounds.response>;
export type RoundView = Rounds['items'][number];
export type MissingStreet = Rounds['missing'][number];
export type RoundDetail = z.infer<typeof rosterEndpoints.getRosterRound.response>;
export type EntryView = RoundDetail['entries'][number];
export type CommunityProgress = RoundDetail['progress'][number];
export type ImportResult = z.infer<typeof rosterEndpoints.importRoster.response>;

export const rosterKeys = {
  all: ['roster-rounds'] as const,
  list: (q: ListQuery) => ['roster-rounds', 'list', q] as const,
  detail: (id: string) => ['roster-rounds', 'detail', id] as const,
};

const PAGE = 200;

/**
 * GET /api/roster-rounds for a month: every round of the streets in scope (all pages: a city has a
 * few hundred streets at most) and the streets with none yet.
 */
export function useRosterRounds(month: string, enabled = true) {
  return useQuery({
    queryKey: rosterKeys.list({ month }),
    queryFn: async ({ signal }) => {
      const first = await call(rosterEndpoints.listRosterRounds, {
        query: { month, pageSize: PAGE },
        signal,
      });
      const pages = Math.ceil(first.total / PAGE);
      const rest = await Promise.all(
        Array.from({ length: Math.max(0, pages - 1) }, (_, i) =>
          call(rosterEndpoints.listRosterRounds, {
            query: { month, page: i + 2, pageSize: PAGE },
            signal,
          }),
        ),
      );
      return { items: [...first.items, ...rest.flatMap((p) => p.items)], missing: first.missing };
    },
    placeholderData: (previous) => previous,
    enabled,
  });
}

/** GET /api/roster-rounds/:id: the round with its changes (for a community, only its own). */
export function useRosterRound(id: string) {
  return useQuery({
    queryKey: rosterKeys.detail(id),
    queryFn: ({ signal }) => call(rosterEndpoints.getRosterRound, { params: { id }, signal }),
  });
}

/** GET /api/subjects/import/template: the .xlsx template, saved by the browser. */
export function downloadTemplate() {
  return download(rosterEndpoints.rosterTemplate, { fileName: '服务对象名册导入模板.xlsx' });
}

/** POST /api/subjects/import/error-file: the same file back with a 错误说明 column. */
export function downloadErrorFile(file: File, month: string) {
  return download(rosterEndpoints.rosterErrorFile, {
    file,
    query: { month },
    fileName: '名册-错误说明.xlsx',
  });
}

/** POST /api/subjects/import: a dry run checks only; a real one writes when no row is rejected. */
export function useImportRoster() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: {
      file: File;
      month: string;
      dryRun: boolean;
      onProgress?: (p: UploadProgress) => void;
    }) =>
      upload(rosterEndpoints.importRoster, {
        file: v.file,
        query: { month: v.month, dryRun: v.dryRun ? 'true' : 'false' },
        onProgress: v.onProgress,
      }),
    onSuccess: (result) => {
      if (result.committed) void queryClient.invalidateQueries({ queryKey: rosterKeys.all });
    },
  });
}

/** Every write of a round changes the round's view and the month's list. */
function useRoundWrite<V>(write: (v: V) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSettled: () => queryClient.invalidateQueries({ queryKey: rosterKeys.all }),
  });
}

export function useWithdrawEntry() {
  return useRoundWrite((v: { id: string; entryId: string }) =>
    call(rosterEndpoints.withdrawRosterEntry, { params: v }),
  );
}

export function useSubmitRound() {
  return useRoundWrite((id: string) => call(rosterEndpoints.submitRosterRound, { params: { id } }));
}

/** POST /api/roster-rounds/:id/reopen: the submission taken back before the street decides. */
export function useReopenRound() {
  return useRoundWrite((id: string) => call(rosterEndpoints.reopenRosterRound, { params: { id } }));
}

export function useReturnRound() {
  return useRoundWrite((v: { id: string; body: z.input<typeof ReturnRoundBody> }) =>
    call(rosterEndpoints.returnRosterRound, { params: { id: v.id }, body: v.body }),
  );
}

export function useApproveRound() {
  return useRoundWrite((id: string) =>
    call(rosterEndpoints.approveRosterRound, { params: { id } }),
  );
}

/** POST /api/roster-rounds/export: the month's streets as the list shows them; returns the file's name. */
export function downloadMonth(body: z.input<typeof ExportRoundsBody>, fileName: string) {
  return download(rosterEndpoints.exportRosterRounds, { body, fileName });
}

/** POST /api/roster-rounds/:id/export: the round's changes, masked unless a reason is given. */
export function downloadRound(id: string, reason: string | null, fileName: string) {
  return download(rosterEndpoints.exportRosterRound, {
    params: { id },
    body: reason === null ? { unmasked: false } : { unmasked: true, reason },
    fileName,
  });
}

/** POST /api/roster-rounds/:id/entries/:entryId/reveal: one value before and after, audited. */
export function useRevealEntry() {
  return useMutation({
    mutationFn: (v: {
      id: string;
      entryId: string;
      field: z.infer<typeof RevealableEntryField>;
      reason: string;
    }) =>
      call(rosterEndpoints.revealRosterEntry, {
        params: { id: v.id, entryId: v.entryId },
        body: { field: v.field, reason: v.reason },
      }),
  });
}

/** GET /api/roster-settings: each district in scope, its choice or the default it follows. */
export function useRosterSettings() {
  return useQuery({
    queryKey: ['roster-settings'],
    queryFn: ({ signal }) => call(rosterEndpoints.listRosterSettings, { signal }),
  });
}

/** PUT /api/roster-settings/:districtCode with the version read; a stale one answers 409. */
export function useSaveRosterSetting() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { districtCode: string; body: z.input<typeof UpdateRosterSettingBody> }) =>
      call(rosterEndpoints.updateRosterSetting, {
        params: { districtCode: v.districtCode },
        body: v.body,
      }),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: ['roster-settings'] });
      void queryClient.invalidateQueries({ queryKey: rosterKeys.all });
    },
  });
}
