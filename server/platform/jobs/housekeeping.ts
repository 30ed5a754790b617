import { sealAuditLog } from '../audit/audit.ts';
import type { AppContext } from '../http/context.ts';
import { pruneIdempotencyKeys } from '../http/idempotency.ts';

type Task = { name: string; everyMs: number; run: () => Promise<unknown> };

/**
 * The platform's periodic work, each task one at a time: sealing the audit chain every second and
 * pruning old idempotency answers every hour. Safe with several processes (the sealer takes an
 * advisory lock; pruning is idempotent).
 */
export function startHousekeeping(
  ctx: Pick<AppContext, 'db' | 'auditChainKey'>,
  onError: (task: string, err: unknown) => void,
): { stop(): Promise<void> } {
  const tasks: Task[] = [
    { name: 'audit.seal', everyMs: 1000, run: () => sealAuditLog(ctx.db, ctx.auditChainKey) },
    { name: 'idempotency.prune', everyMs: 3_600_000, run: () => pruneIdempotencyKeys(ctx.db) },
  ];
  const running = new Map<string, Promise<unknown>>();
  const timers = tasks.map((task) => {
    const timer = setInterval(() => {
      if (running.has(task.name)) return;
      const run = task
        .run()
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
