import { z } from 'zod';
import {
  Ok,
  Uuid,
  defineAuditActions,
  defineErrors,
  endpoints,
} from '../../platform/contract/index.ts';

export const JobAuditAction = defineAuditActions({
  'job.retry': { 'zh-CN': '重试后台任务', 'en-US': 'Background job retried' },
});

export const JobError = defineErrors('job', {
  not_parked: {
    status: 404,
    'zh-CN': '没有这个失败的任务（可能已被重试或已过保留期）',
    'en-US': 'No such failed job (it may have been retried already, or expired)',
  },
});

export const JobStateCounts = z.object({
  created: z.number(),
  retry: z.number(),
  active: z.number(),
  completed: z.number(),
  failed: z.number(),
  cancelled: z.number(),
});

export const JobQueueView = z.object({
  queue: z.string(),
  label: z.string(),
  scheduled: z.boolean(),
  counts: JobStateCounts,
});

export const FailedJobView = z.object({
  id: Uuid,
  queue: z.string(),
  label: z.string(),
  error: z.string(),
  attempts: z.number(),
  failedAt: z.string(),
  firstCreatedAt: z.string().nullable(),
  payload: z.unknown(),
});

export const JobScheduleView = z.object({
  queue: z.string(),
  label: z.string(),
  cron: z.string(),
  timezone: z.string(),
  nextRunAt: z.string().nullable(),
});

export const jobEndpoints = endpoints({
  listJobQueues: {
    method: 'GET',
    path: '/api/jobs/queues',
    summary: '后台任务队列及各状态数量',
    permission: 'job.manage',
    scope: 'none',
    response: z.object({ items: z.array(JobQueueView) }),
  },
  listFailedJobs: {
    method: 'GET',
    path: '/api/jobs/failures',
    summary: '重试用尽而搁置的后台任务及其错误',
    permission: 'job.manage',
    scope: 'none',
    response: z.object({ items: z.array(FailedJobView) }),
  },
  listJobSchedules: {
    method: 'GET',
    path: '/api/jobs/schedules',
    summary: '定时任务（cron、时区、下次运行）',
    permission: 'job.manage',
    scope: 'none',
    response: z.object({ items: z.array(JobScheduleView) }),
  },
  retryFailedJob: {
    method: 'POST',
    path: '/api/jobs/failures/:id/retry',
    summary: '重试一个搁置的后台任务（记入审计）',
    permission: 'job.manage',
    scope: 'none',
    params: z.object({ id: Uuid }),
    response: Ok,
    // a retried click replays the first answer instead of 404 (the job is no longer parked)
    idempotent: true,
  },
});
