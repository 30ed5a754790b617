import { sql } from 'drizzle-orm';
import {
  fromDrizzle,
  type Db as BossDb,
  type DrizzleTransactionLike,
  type JobResult,
  type PgBoss,
  type QueueOptions,
} from 'pg-boss';
import type { z } from 'zod';
import type { Database, Db } from '../../db/client.ts';
import { createBoss } from './boss.ts';
import {
  DEAD_LETTER_QUEUE,
  SCHEDULE_TZ,
  defaultRetry,
  queueOf,
  type JobContext,
  type JobDefinition,
} from './define-job.ts';

export type JobRunner = {
  boss: PgBoss;
  /** The definitions by queue. */
  definitions: Map<string, JobDefinition>;
  /** Stops fetching, waits for the runs in hand (up to 10 s), closes pg-boss's pool. */
  stop(): Promise<void>;
};

export type JobRunnerOptions = {
  /** Seconds between a worker's polls for new jobs (default 2). */
  pollingIntervalSeconds?: number;
  /** Seconds between cron passes (default 30; a schedule still fires at most once a minute). */
  cronMonitorIntervalSeconds?: number;
  onError(err: unknown, queue?: string): void;
};

/** Jobs a worker fetches at once and runs one after another. */
const BATCH_SIZE = 10;

/** What pg-boss stores of a failure (the admin page shows its message). */
function errorOutput(err: unknown): { name: string; message: string; stack?: string } {
  return err instanceof Error
    ? { name: err.name, message: err.message, ...(err.stack ? { stack: err.stack } : {}) }
    : { name: 'Error', message: String(err) };
}

/** Parked jobs are kept 90 days for an administrator to retry. */
const DEAD_LETTER_RETENTION_SECONDS = 90 * 86_400;

/**
 * The runner of each open database, found from a transaction by the drizzle dialect that the
 * database and all its transactions share, so that `enqueueJob(tx, …)` needs nothing else.
 */
const runners = new WeakMap<object, JobRunner>();
function runnerKey(db: Db): object {
  return (db as unknown as { dialect: object }).dialect;
}

function queueOptions(definition: JobDefinition): QueueOptions & { deadLetter: string } {
  const retry = definition.retry ?? defaultRetry;
  return {
    retryLimit: retry.limit,
    retryDelay: retry.delaySeconds,
    retryBackoff: retry.backoff ?? false,
    ...(retry.maxDelaySeconds === undefined ? {} : { retryDelayMax: retry.maxDelaySeconds }),
    expireInSeconds: definition.timeoutSeconds ?? 900,
    deadLetter: DEAD_LETTER_QUEUE,
  };
}

/**
 * Starts pg-boss on the app's database: a queue per definition (its retry policy kept up to date),
 * the schedules of the definitions (others removed), and a worker per queue.
 */
export async function startJobs(
  database: Database,
  ctx: Omit<JobContext, 'job'>,
  definitions: JobDefinition[],
  options: JobRunnerOptions,
): Promise<JobRunner> {
  const boss = createBoss(database, {
    ...(options.cronMonitorIntervalSeconds
      ? { cronMonitorIntervalSeconds: options.cronMonitorIntervalSeconds }
      : {}),
  });
  boss.on('error', (err) => options.onError(err));
  await boss.start();
  const byQueue = new Map(definitions.map((d) => [queueOf(d), d]));
  if (byQueue.size !== definitions.length) throw new Error('two job definitions share a queue');
  try {
    await boss.createQueue(DEAD_LETTER_QUEUE, { retentionSeconds: DEAD_LETTER_RETENTION_SECONDS });
    for (const [queue, definition] of byQueue) {
      const queueOpts = queueOptions(definition);
      // A scheduled job has at most one waiting and one running: a slow run never piles up.
      await boss.createQueue(queue, {
        ...queueOpts,
        policy: definition.schedule ? 'stately' : 'standard',
      });
      await boss.updateQueue(queue, queueOpts);
    }
    for (const schedule of await boss.getSchedules()) {
      if (!byQueue.get(schedule.name)?.schedule) await boss.unschedule(schedule.name, schedule.key);
    }
    for (const [queue, definition] of byQueue) {
      if (!definition.schedule) continue;
      await boss.schedule(queue, definition.schedule.cron, definition.schedule.data ?? {}, {
        tz: SCHEDULE_TZ,
      });
    }
    for (const [queue, definition] of byQueue) {
      await boss.work(
        queue,
        {
          pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2,
          localConcurrency: definition.concurrency ?? 1,
          // A backlog drains without waiting out the polling interval between jobs.
          batchSize: BATCH_SIZE,
          burstWhenBatchFull: true,
          perJobResults: true,
          // each job's own retry limit, as it was when it was enqueued
          includeMetadata: true,
        },
        async (jobs) => {
          const results: JobResult[] = [];
          for (const job of jobs) {
            const payload = definition.payload.safeParse(job.data);
            if (!payload.success) {
              // Retrying cannot help a payload its schema refuses: parked at once.
              results.push({
                id: job.id,
                status: 'deadletter',
                output: errorOutput(payload.error),
              });
              continue;
            }
            const attempt = job.retryCount + 1;
            const jobCtx = { ...ctx, job: { id: job.id, queue, attempt, signal: job.signal } };
            try {
              await definition.run(jobCtx, payload.data);
              results.push({ id: job.id, status: 'completed' });
            } catch (err) {
              options.onError(err, queue);
              // pg-boss retries while retryCount < retryLimit: this failure parks the job
              if (definition.parked && job.retryCount >= job.retryLimit) {
                await definition
                  .parked(jobCtx, payload.data, err)
                  .catch((hookErr: unknown) => options.onError(hookErr, queue));
              }
              results.push({ id: job.id, status: 'failed', output: errorOutput(err) });
            }
          }
          return results;
        },
      );
    }
  } catch (err) {
    await boss.stop({ graceful: false, close: true });
    throw err;
  }
  const runner: JobRunner = {
    boss,
    definitions: byQueue,
    async stop() {
      runners.delete(runnerKey(database.db));
      await boss.stop({ graceful: true, close: true, timeout: 10_000 });
    },
  };
  runners.set(runnerKey(database.db), runner);
  return runner;
}

/** pg-boss statements in our transaction (both drivers answer `execute` with `{ rows }`). */
export function inTransaction(tx: Db): BossDb {
  return fromDrizzle(tx as unknown as DrizzleTransactionLike, sql);
}

export type EnqueueOptions = {
  /** Not before this moment (an escalation timer, a reminder). */
  startAfter?: Date;
  /** Higher runs first (default 0). */
  priority?: number;
};

/**
 * Enqueues a job inside the caller's transaction: it exists, and runs, only if that transaction
 * commits. Pass the `tx` of `db.transaction(async (tx) => …)` (a plain `db` enqueues at once).
 * The payload is checked against the job's schema here. Returns the job's id.
 */
export async function enqueueJob<P extends z.ZodType>(
  tx: Db,
  job: JobDefinition<P>,
  payload: z.input<P>,
  options: EnqueueOptions = {},
): Promise<string> {
  const runner = runners.get(runnerKey(tx));
  if (!runner) throw new Error(`enqueueJob(${job.name}): no job runner on this database`);
  const queue = queueOf(job);
  if (runner.definitions.get(queue) !== (job as unknown as JobDefinition)) {
    throw new Error(`enqueueJob(${job.name}): the job is not in jobDefinitions (server/routes.ts)`);
  }
  const data = job.payload.parse(payload) as object;
  const id = await runner.boss.send(queue, data, {
    db: inTransaction(tx),
    ...(options.startAfter ? { startAfter: options.startAfter } : {}),
    ...(options.priority === undefined ? {} : { priority: options.priority }),
  });
  if (!id) throw new Error(`enqueueJob(${job.name}): pg-boss created no job`);
  return id;
}

/** The runner of a database, for the admin views (null before the app started it). */
export function findJobRunner(db: Db): JobRunner | null {
  return runners.get(runnerKey(db)) ?? null;
}
