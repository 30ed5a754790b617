import { z } from 'zod';
import { pruneIdempotencyKeys } from '../http/idempotency.ts';
import { defineJob, type JobDefinition } from './define-job.ts';

/** Idempotency records older than a day are dropped, every hour at :05 (Asia/Shanghai). */
export const pruneIdempotencyKeysJob = defineJob({
  name: 'idempotency.prune',
  label: { 'zh-CN': '清理过期的幂等记录', 'en-US': 'Prune expired idempotency records' },
  payload: z.object({}),
  schedule: { cron: '5 * * * *' },
  retry: { limit: 2, delaySeconds: 60 },
  run: (ctx) => pruneIdempotencyKeys(ctx.db),
});

/** The platform's own jobs; server/routes.ts lists them with the modules'. */
export const platformJobs: JobDefinition[] = [pruneIdempotencyKeysJob];
