import { defineRoutes } from '../../platform/http/define-routes.ts';
import { listFailedJobs, listJobQueues, listJobSchedules } from '../../platform/jobs/admin.ts';
import { jobEndpoints } from './contract.ts';
import { jobsContext as at } from './context.ts';
import { retryFailedJob } from './service.ts';

export const jobRoutes = defineRoutes(jobEndpoints, (ctx) => ({
  listJobQueues: async ({ locale }) => ({ items: await listJobQueues(ctx.db, locale) }),
  listFailedJobs: async ({ locale }) => ({ items: await listFailedJobs(ctx.db, locale) }),
  listJobSchedules: async ({ locale }) => ({ items: await listJobSchedules(ctx.db, locale) }),
  retryFailedJob: ({ actor, params }) => retryFailedJob(at(ctx, actor), params),
}));
