import type { JobMessages } from './jobs.zh-CN.ts';

/** The background jobs page in English: the same keys as jobs.zh-CN.ts. */
const jobMessages: JobMessages = {
  jobs: {
    title: 'Background jobs',
    refresh: 'Refresh',
    queues: 'Queues',
    queue: 'Queue',
    name: 'Job',
    scheduledTag: 'Scheduled',
    states: {
      created: 'Waiting',
      retry: 'To retry',
      active: 'Running',
      completed: 'Completed',
      failed: 'Failed',
      cancelled: 'Cancelled',
    },
    failures: 'Failed jobs (retries used up)',
    noFailures: 'No failed jobs',
    error: 'Error',
    attempts: 'Attempts',
    failedAt: 'Parked at',
    firstCreatedAt: 'First created',
    payload: 'Payload',
    retry: 'Retry',
    retryConfirm: 'Put this job back on its queue with its retries renewed?',
    retried: 'Back on its queue; it runs shortly',
    schedules: 'Schedules',
    cron: 'Cron expression',
    timezone: 'Time zone',
    nextRunAt: 'Next run',
    retention: 'Completed jobs are kept 7 days, failed ones 90 days.',
  },
};

export default jobMessages;
