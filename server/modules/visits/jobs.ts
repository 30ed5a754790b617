import { z } from 'zod';
import { defineJob, type JobDefinition } from '../../platform/jobs/define-job.ts';
import { escalateOverdue, rollPeriods } from './service.ts';

/** Just after midnight: last period's unmet visits become overdue, the new periods open. */
export const rollPeriodsJob = defineJob({
  name: 'visits.roll',
  label: { 'zh-CN': '开启新的巡访周期', 'en-US': 'Open the new visit periods' },
  payload: z.object({}),
  schedule: { cron: '1 0 * * *' },
  retry: { limit: 3, delaySeconds: 60, backoff: true },
  timeoutSeconds: 600,
  run: (ctx) => rollPeriods(ctx.db, ctx.clock.now()),
});

/** Every quarter of an hour: overdue visits climb to the community, the street, the district. */
export const escalateOverdueJob = defineJob({
  name: 'visits.escalate',
  label: { 'zh-CN': '逾期未探访逐级上报', 'en-US': 'Escalate overdue visits' },
  payload: z.object({}),
  schedule: { cron: '*/15 * * * *' },
  retry: { limit: 2, delaySeconds: 60 },
  run: (ctx) => escalateOverdue(ctx.db, ctx.clock.now()),
});

export const visitJobs: JobDefinition[] = [rollPeriodsJob, escalateOverdueJob];
