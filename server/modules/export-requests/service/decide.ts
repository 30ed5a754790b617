import { eq } from 'drizzle-orm';
import { audit } from '../../../platform/audit/audit.ts';
import { publishEvent } from '../../../platform/events/publish.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import { enqueueJob } from '../../../platform/jobs/runner.ts';
import {
  ExportRequestAuditAction,
  ExportRequestError,
  ExportRequestEventType,
  type ExportRequestView,
} from '../contract.ts';
import type { ExportRequestsContext } from '../context.ts';
import { makeExportFileJob } from '../jobs.ts';
import { exportRequests } from '../tables.ts';
import { getRequestRow, mayDecide, viewRequest } from './requests.ts';

/**
 * A district officer's decision on a request of their district (never on their own): approved,
 * the file is made by a job enqueued in this transaction, so that nothing is exported unless the
 * approval commits; refused, nothing is made. Audited, and announced to the requester alone.
 */
export async function decideExportRequest(
  c: Pick<ExportRequestsContext, 'db' | 'actor' | 'now'>,
  { id, ...decision }: { id: string; approve: boolean; note?: string | undefined },
): Promise<ExportRequestView> {
  const { actor } = c;
  return c.db.transaction(async (tx) => {
    const t = { ...c, db: tx };
    const row = await getRequestRow(t, { id, forUpdate: true });
    if (row.requestedBy === actor.userId) throw new AppError(ExportRequestError.own_request);
    if (!mayDecide(actor, row)) throw new AppError(ExportRequestError.not_found);
    if (row.status !== 'requested') throw new AppError(ExportRequestError.already_decided);
    const status = decision.approve ? ('approved' as const) : ('refused' as const);
    const [updated] = await tx
      .update(exportRequests)
      .set({
        status,
        decidedBy: actor.userId,
        decidedAt: c.now,
        decisionNote: decision.note ?? null,
      })
      .where(eq(exportRequests.id, id))
      .returning();
    if (!updated) throw new AppError(ExportRequestError.not_found);
    await audit(tx, actor, {
      action:
        ExportRequestAuditAction[
          decision.approve ? 'export_request.approve' : 'export_request.refuse'
        ],
      entity: 'export_request',
      entityId: id,
      ...(decision.note ? { reason: decision.note } : {}),
      detail: { kind: row.kind, people: row.people, requestedBy: row.requestedBy },
    });
    if (decision.approve) await enqueueJob(tx, makeExportFileJob, { requestId: id });
    await publishEvent(tx, {
      type: ExportRequestEventType[
        decision.approve ? 'export_request.approved' : 'export_request.refused'
      ],
      divisionCode: row.divisionCode,
      permission: 'export.request',
      recipientId: row.requestedBy,
      entity: 'export_request',
      entityId: id,
      actorId: actor.userId,
      data: { kind: row.kind, people: row.people },
    });
    return viewRequest(t, updated);
  });
}
