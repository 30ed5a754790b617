import type { z } from 'zod';
import type { Config } from '../../config.ts';
import type { Locale } from '../contract/errors.ts';
import type { Db } from '../../db/client.ts';
import type { Clock } from '../http/context.ts';
import type { SensitiveCipher } from '../sensitive/sensitive.ts';

/** What a job's `run` gets: the app's services (no request, no actor) and the attempt it is. */
export type JobContext = {
  db: Db;
  dbKind: 'pglite' | 'pg';
  config: Config;
  clock: Clock;
  sensitive: SensitiveCipher;
  auditChainKey: Buffer;
  job: { id: string; queue: string; attempt: number; signal: AbortSignal };
};

/**
 * Retries of a job that throws: `limit` more attempts after the first, `delaySeconds` apart, doubling
 * (with jitter) when `backoff`, capped at `maxDelaySeconds`. After the last one the job is parked in
 * the dead letters, where an administrator sees its error and may retry it (系统管理 → 后台任务).
 */
export type RetryPolicy = {
  limit: number;
  delaySeconds: number;
  backoff?: boolean;
  maxDelaySeconds?: number;
};

export const defaultRetry: RetryPolicy = {
  limit: 3,
  delaySeconds: 30,
  backoff: true,
  maxDelaySeconds: 3600,
};

/**
 * A job of a module (its `jobs.ts`), registered in `jobDefinitions` (server/routes.ts):
 *
 * - `name` is the queue, `<module>.<verb>` (`visits.escalate`); lower-case letters, digits, `.`, `_`, `-`.
 * - `version` goes into the queue name from 2 up (`visits.escalate.v2`): bump it when the payload
 *   changes incompatibly, and keep the old definition until its queue has drained.
 * - `payload` is checked when the job is enqueued and again when it runs.
 * - `schedule` runs it on a cron expression read in Asia/Shanghai, once per occurrence however many
 *   processes run (a scheduled job's payload is `data`, `{}` by default).
 * - `run` must be idempotent: a job runs at least once (a crash mid-run runs it again).
 */
export type JobDefinition<P extends z.ZodType = z.ZodType> = {
  name: string;
  /** What it does, as the admin page (系统管理 → 后台任务) shows it. */
  label: Record<Locale, string>;
  version?: number;
  payload: P;
  run(ctx: JobContext, payload: z.output<P>): Promise<unknown>;
  /**
   * After the last attempt failed, as the job is parked: what the failure means to the module (a
   * request marked failed, its requester told), so that nobody waits on a job that will not run
   * again by itself. Runs once per parking; an error in it is logged, the job parked anyway.
   */
  parked?(ctx: JobContext, payload: z.output<P>, error: unknown): Promise<unknown>;
  retry?: RetryPolicy;
  schedule?: { cron: string; data?: z.input<P> };
  /**
   * Seconds a run may take before it counts as failed (default 15 minutes), counted from when its
   * worker fetched it: a worker fetches up to 10 jobs at once and runs them one after another.
   */
  timeoutSeconds?: number;
  /** Runs at once per process (default 1). */
  concurrency?: number;
};

export function defineJob<P extends z.ZodType>(definition: JobDefinition<P>): JobDefinition<P> {
  if (!/^[a-z][a-z0-9_-]*(\.[a-z0-9_-]+)+$/.test(definition.name)) {
    throw new Error(`job name ${definition.name} is not <module>.<verb> in lower case`);
  }
  return definition;
}

/** The pg-boss queue of a definition. */
export function queueOf(definition: Pick<JobDefinition, 'name' | 'version'>): string {
  const version = definition.version ?? 1;
  return version > 1 ? `${definition.name}.v${version}` : definition.name;
}

/** Where every job that used up its retries is parked, one queue for all (no worker reads it). */
export const DEAD_LETTER_QUEUE = 'jobs.dead_letter';

/** The time zone of every schedule. */
export const SCHEDULE_TZ = 'Asia/Shanghai';
