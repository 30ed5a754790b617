import { sealAuditLog } from '../audit/audit.ts';
import { chainHead, writeAuditCheckpoint } from '../audit/checkpoints.ts';
import type { Db } from '../../db/client.ts';
import type { Clock } from '../http/context.ts';

/** How often each process seals the audit chain (ADR 0002, ADR 0009). */
export const SEAL_EVERY_MS = 1000;

export type SealerCheckpoints = {
  /** The folder of the checkpoint files (AUDIT_CHECKPOINT_DIR). */
  dir: string;
  /** At most one checkpoint this often, when the chain has grown (AUDIT_CHECKPOINT_SECONDS). */
  everyMs: number;
  /** The app's clock, which dates the checkpoints and names their files. */
  clock: Clock;
};

/**
 * Seals the audit chain every second in this process, one run at a time, and after a run that
 * sealed rows writes a signed checkpoint of the chain's head (ADR 0010), at most once per `everyMs`.
 * Not a pg-boss job (ADR 0009): the unsealed rows are the queue, a run is idempotent and takes an
 * advisory lock, so any number of processes may tick, and pg-boss's cron cannot fire more than once
 * a minute. The daily job `audit.checkpoint` writes one even when nothing was sealed.
 */
export function startAuditSealer(
  db: Db,
  chainKey: Buffer,
  onError: (err: unknown) => void,
  checkpoints?: SealerCheckpoints,
): { stop(): Promise<void> } {
  let running: Promise<unknown> | null = null;
  // what this process last checkpointed, and whether it has sealed rows since
  let checkpointed = { seq: -1, atMs: -Infinity };
  let sealedSince = true;
  const checkpoint = async (sealed: number) => {
    if (!checkpoints) return;
    if (sealed > 0) sealedSince = true;
    const nowMs = performance.now();
    if (!sealedSince || nowMs - checkpointed.atMs < checkpoints.everyMs) return;
    const head = await chainHead(db);
    if (head.seq !== checkpointed.seq) {
      const written = await writeAuditCheckpoint(
        db,
        chainKey,
        checkpoints.dir,
        checkpoints.clock.now(),
      );
      checkpointed = { seq: written.seq, atMs: nowMs };
    }
    sealedSince = false; // not before: a failed write is tried again on the next tick
  };
  const timer = setInterval(() => {
    if (running) return;
    running = sealAuditLog(db, chainKey)
      .then(checkpoint)
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
