import { audit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/http/app-error.ts';
import { retryFailedJob as redrive } from '../../platform/jobs/admin.ts';
import type { JobsContext } from './context.ts';
import { JobAuditAction, JobError } from './contract.ts';

/** Sends a parked job back to its queue, audited in the same transaction. */
export async function retryFailedJob(
  { db, actor }: JobsContext,
  { id }: { id: string },
): Promise<{ ok: true }> {
  return db.transaction(async (tx) => {
    const queue = await redrive(tx, id);
    if (!queue) throw new AppError(JobError.not_parked);
    await audit(tx, actor, {
      action: JobAuditAction['job.retry'],
      entity: 'job',
      entityId: id,
      detail: { queue },
    });
    return { ok: true as const };
  });
}
