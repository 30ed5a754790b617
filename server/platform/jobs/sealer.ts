import { sealAuditLog } from '../audit/audit.ts';
import type { Db } from '../../db/client.ts';

/** How often each process seals the audit chain (ADR 0002, ADR 0009). */
export const SEAL_EVERY_MS = 1000;

/**
 * Seals the audit chain every second in this process, one run at a time. Not a pg-boss job
 * (ADR 0009): the unsealed rows are the queue, a run is idempotent and takes an advisory lock, so
 * any number of processes may tick, and pg-boss's cron cannot fire more than once a minute.
 */
export function startAuditSealer(
  db: Db,
  chainKey: Buffer,
  onError: (err: unknown) => void,
): { stop(): Promise<void> } {
  let running: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = sealAuditLog(db, chainKey)
      .catch(onError)
      .finally(() => (running = null));
  }, SEAL_EVERY_MS);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
