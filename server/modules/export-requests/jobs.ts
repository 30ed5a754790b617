import { z } from 'zod';
import { openFileStore } from '../../platform/files/store.ts';
import { defineJob, type JobDefinition } from '../../platform/jobs/define-job.ts';
import { expireExportRequests, failExportRequest, makeExportFile } from './service/file.ts';

/**
 * The file of an approved export request, enqueued in the approving transaction; once its retries
 * are used up the request is marked failed.
 */
export const makeExportFileJob = defineJob({
  name: 'export_requests.make_file',
  label: { 'zh-CN': '生成已批准的导出文件', 'en-US': 'Make the file of an approved export' },
  payload: z.object({ requestId: z.uuid() }),
  retry: { limit: 3, delaySeconds: 30, backoff: true },
  run: async (ctx, { requestId }) =>
    makeExportFile({ ...ctx, store: await openFileStore(ctx.config.files.store) }, requestId),
  parked: (ctx, { requestId }, error) => failExportRequest(ctx, { requestId, error }),
});

/** Approved files past their validity expire, and expired or downloaded files go, every 10 minutes. */
export const expireExportRequestsJob = defineJob({
  name: 'export_requests.expire',
  label: {
    'zh-CN': '过期导出文件的清理',
    'en-US': 'Expire approved export files and remove them',
  },
  payload: z.object({}),
  schedule: { cron: '*/10 * * * *' },
  retry: { limit: 2, delaySeconds: 60 },
  run: async (ctx) =>
    expireExportRequests({
      db: ctx.db,
      store: await openFileStore(ctx.config.files.store),
      now: ctx.clock.now(),
    }),
});

export const exportRequestJobs: JobDefinition[] = [makeExportFileJob, expireExportRequestsJob];
