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
