import { sql } from 'drizzle-orm';
import { rows, type Db } from '../../db/client.ts';
import type { Locale } from '../contract/errors.ts';
import { JOB_SCHEMA } from './boss.ts';
import { DEAD_LETTER_QUEUE } from './define-job.ts';
import { findJobRunner, inTransaction, type JobRunner } from './runner.ts';

/**
 * What the administrator's page shows of the jobs: queues with their jobs by state, the parked
 * (dead-lettered) jobs with their last error, and the schedules. Reads pg-boss's API, except the
 * counts by state, which are one query over its job table (its own counts are cached for a minute).
 */

export const JOB_STATES = [
  'created',
  'retry',
  'active',
  'completed',
  'failed',
  'cancelled',
] as const;
export type JobState = (typeof JOB_STATES)[number];

function runnerOf(db: Db): JobRunner {
  const runner = findJobRunner(db);
  if (!runner) throw new Error('the job runner is not started on this database');
  return runner;
}

function labelOf(runner: JobRunner, queue: string, locale: Locale): string {
  return runner.definitions.get(queue)?.label[locale] ?? queue;
}

export async function listJobQueues(db: Db, locale: Locale) {
  const runner = runnerOf(db);
  const queues = [...runner.definitions.keys(), DEAD_LETTER_QUEUE];
  const counted = await rows<{ name: string; state: string; n: number }>(
    db,
    sql`select name, state::text as state, count(*)::int as n
        from ${sql.identifier(JOB_SCHEMA)}.job where name in ${queues} group by name, state`,
  );
  return queues.map((queue) => {
    const counts = Object.fromEntries(JOB_STATES.map((s) => [s, 0])) as Record<JobState, number>;
    for (const row of counted)
      if (row.name === queue && row.state in counts) counts[row.state as JobState] = row.n;
    return {
      queue,
      label:
        queue === DEAD_LETTER_QUEUE
          ? { 'zh-CN': '已搁置（重试用尽）', 'en-US': 'Parked (retries used up)' }[locale]
          : labelOf(runner, queue, locale),
      scheduled: Boolean(runner.definitions.get(queue)?.schedule),
      counts,
    };
  });
}

function errorText(output: unknown): string {
  if (output && typeof output === 'object') {
    const { message } = output as { message?: unknown };
    if (typeof message === 'string') return message;
  }
  return output === null || output === undefined ? '' : JSON.stringify(output);
}

/** Parked jobs, oldest first (at most 500): each retried its limit and failed every time. */
export async function listFailedJobs(db: Db, locale: Locale) {
  const runner = runnerOf(db);
  const parked = await runner.boss.findJobs(DEAD_LETTER_QUEUE, { queued: true, limit: 500 });
  return parked.map((job) => ({
    id: job.id,
    queue: job.sourceName ?? '',
    label: labelOf(runner, job.sourceName ?? '', locale),
    error: errorText(job.sourceOutput),
    attempts: (job.sourceRetryCount ?? 0) + 1,
    failedAt: job.createdOn.toISOString(),
    firstCreatedAt: job.sourceCreatedOn ? job.sourceCreatedOn.toISOString() : null,
    payload: job.data as unknown,
  }));
}

export async function listJobSchedules(db: Db, locale: Locale) {
  const runner = runnerOf(db);
  const schedules = await runner.boss.getSchedules();
  return schedules.map((s) => ({
    queue: s.name,
    label: labelOf(runner, s.name, locale),
    cron: s.cron,
    timezone: s.timezone,
    nextRunAt:
      runner.boss.previewSchedule(s.cron, { tz: s.timezone, count: 1 })[0]?.toISOString() ?? null,
  }));
}

/**
 * Sends a parked job back to its queue with its retries renewed, inside the caller's transaction
 * (with its audit row). Returns the queue it went back to, or null when no such job is parked.
 */
export async function retryFailedJob(tx: Db, id: string): Promise<string | null> {
  const runner = runnerOf(tx);
  const [job] = await runner.boss.findJobs(DEAD_LETTER_QUEUE, {
    id,
    queued: true,
    db: inTransaction(tx),
  });
  if (!job?.sourceName) return null;
  const moved = await runner.boss.redrive(DEAD_LETTER_QUEUE, { ids: [id], db: inTransaction(tx) });
  return moved > 0 ? job.sourceName : null;
}
