import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import {
  sourceRecordEndpoints,
  type Source,
  type SourceImportResult,
} from '../../../../../server/modules/source-records/contract.ts';
import { call, download, upload, type UploadProgress } from '../../../../shared/api.ts';

export type ImportResult = z.infer<typeof SourceImportResult>;
export type Comparison = z.infer<typeof sourceRecordEndpoints.getSubjectSources.response>;

export const sourceKeys = {
  all: ['subjects', 'sources'] as const,
  subject: (id: string) => ['subjects', 'sources', id] as const,
};

/** GET /api/subjects/:id/sources: each field as the roster and each department hold it. */
export function useSubjectSources(id: string) {
  return useQuery({
    queryKey: sourceKeys.subject(id),
    queryFn: ({ signal }) =>
      call(sourceRecordEndpoints.getSubjectSources, { params: { id }, signal }),
  });
}

/** POST /api/source-records/import: a dry run (nothing kept) or the import itself. */
export function useImportSourceRecords() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (a: {
      file: File;
      source: Source;
      asOf: string;
      dryRun: boolean;
      onProgress?: (p: UploadProgress) => void;
    }) =>
      upload(sourceRecordEndpoints.importSourceRecords, {
        file: a.file,
        query: { source: a.source, asOf: a.asOf, dryRun: a.dryRun ? 'true' : 'false' },
        onProgress: a.onProgress,
      }),
    onSuccess: (result) => {
      if (result.committed) void queryClient.invalidateQueries({ queryKey: sourceKeys.all });
    },
  });
}

/** GET /api/source-records/template: the file's columns, the ID number first. */
export function downloadSourceTemplate(fileName: string) {
  return download(sourceRecordEndpoints.sourceRecordTemplate, { fileName });
}

export type DisagreementList = z.infer<typeof sourceRecordEndpoints.listDisagreements.response>;
export type Disagreement = DisagreementList['items'][number];
export type DisagreementFilters = Partial<
  z.infer<typeof sourceRecordEndpoints.listDisagreements.query>
>;

const disagreementKeys = {
  all: ['source-disagreements'] as const,
  list: (f: DisagreementFilters) => ['source-disagreements', f] as const,
};

/** GET /api/source-disagreements: a page of the list, with the counts per field. */
export function useDisagreements(filters: DisagreementFilters) {
  return useQuery({
    queryKey: disagreementKeys.list(filters),
    queryFn: ({ signal }) =>
      call(sourceRecordEndpoints.listDisagreements, { query: filters, signal }),
    placeholderData: (previous) => previous,
  });
}

/** POST /api/source-disagreements/:id/resolve: the right value chosen, or checked. */
export function useResolveDisagreement() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (a: { id: string; pick: string; note?: string }) =>
      call(sourceRecordEndpoints.resolveDisagreement, {
        params: { id: a.id },
        body: {
          pick: a.pick as z.input<typeof sourceRecordEndpoints.resolveDisagreement.body>['pick'],
          ...(a.note ? { note: a.note } : {}),
        },
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: disagreementKeys.all });
      void queryClient.invalidateQueries({ queryKey: sourceKeys.all });
    },
  });
}

/** GET /api/source-disagreements/export: the list as filtered, masked. */
export function downloadDisagreements(
  filters: Omit<DisagreementFilters, 'page' | 'pageSize'>,
  fileName: string,
) {
  return download(sourceRecordEndpoints.exportDisagreements, { query: filters, fileName });
}
