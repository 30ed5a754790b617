import { sealAuditLog } from '../audit/audit.ts';
import type { AppContext } from '../http/context.ts';
import { pruneIdempotencyKeys } from '../http/idempotency.ts';

/** Periodic work of the platform or of a module (a module's `jobs.ts`). */
export type PeriodicTask = {
  name: string;
  everyMs: number;
  run(ctx: Pick<AppContext, 'db' | 'auditChainKey'>): Promise<unknown>;
};

const platformTasks: PeriodicTask[] = [
  { name: 'audit.seal', everyMs: 1000, run: (ctx) => sealAuditLog(ctx.db, ctx.auditChainKey) },
  { name: 'idempotency.prune', everyMs: 3_600_000, run: (ctx) => pruneIdempotencyKeys(ctx.db) },
];

/**
 * Runs the platform's periodic tasks and the modules', each one at a time: sealing the audit chain
 * every second, pruning old records hourly. Safe with several processes (the sealer takes an
 * advisory lock; pruning is idempotent).
 */
export function startHousekeeping(
  ctx: Pick<AppContext, 'db' | 'auditChainKey'>,
  moduleTasks: PeriodicTask[],
  onError: (task: string, err: unknown) => void,
): { stop(): Promise<void> } {
  const running = new Map<string, Promise<unknown>>();
  const timers = [...platformTasks, ...moduleTasks].map((task) => {
    const timer = setInterval(() => {
      if (running.has(task.name)) return;
      const run = task
        .run(ctx)
        .catch((err: unknown) => onError(task.name, err))
        .finally(() => running.delete(task.name));
      running.set(task.name, run);
    }, task.everyMs);
    timer.unref();
    return timer;
  });
  return {
    async stop() {
      for (const timer of timers) clearInterval(timer);
      await Promise.all(running.values());
    },
  };
}
