import { and, eq, isNull, lte } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import type { Actor } from '../../../platform/access/actor.ts';
import { permissionsOf } from '../../../platform/access/permissions.ts';
import { audit } from '../../../platform/audit/audit.ts';
import type { Role } from '../../../platform/contract/common.ts';
import { publishEvent } from '../../../platform/events/publish.ts';
import {
  attachFile,
  collectUnreferencedFiles,
  detachFile,
  openFile,
  storeFile,
} from '../../../platform/files/service.ts';
import type { FileDownload } from '../../../platform/http/download.ts';
import type { FileStore } from '../../../platform/files/store.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import type { JobContext } from '../../../platform/jobs/define-job.ts';
import {
  ExportRequestAuditAction,
  ExportRequestError,
  ExportRequestEventType,
} from '../contract.ts';
import type { ExportRequestsContext } from '../context.ts';
import { exportRequests } from '../tables.ts';
import { makeExport, type ExportTarget } from './kinds.ts';
import { getRequestRow, type RequestRow } from './requests.ts';

/** Who writes what no user does: the file of an approved request, an expiry. */
const system = { username: 'system:export-requests' };
const reference = (id: string) => ({ entity: 'export_request', entityId: id });

/** An approved request whose file has not been made yet. */
const awaitingFile = (id: string) =>
  and(
    eq(exportRequests.id, id),
    eq(exportRequests.status, 'approved'),
    isNull(exportRequests.fileId),
  );

/** The requester as they were when they asked: the file is made with that role and scope. */
function requesterOf(row: RequestRow, requestId: string): Actor {
  const role = row.requesterRole as Role;
  return {
    userId: row.requestedBy,
    username: row.requesterUsername,
    role,
    permissions: new Set(permissionsOf(role)),
    scope: { divisionCode: row.requesterDivisionCode, organisationId: row.requesterOrganisationId },
    sessionId: `export-request:${row.id}`,
    ip: '',
    requestId,
  };
}

/**
 * The job of an approved request: the export made by its module with the requester's scope and
 * reason (that module audits it with its row count), stored as a private file that only the
 * request hands out, valid for the configured time. Runs at least once: a request that has its
 * file, or is no longer approved, is left alone (a file made twice is never referenced, and collected).
 */
export async function makeExportFile(
  ctx: Omit<JobContext, 'job'> & { job?: JobContext['job']; store: FileStore },
  requestId: string,
): Promise<{ made: boolean }> {
  const [row] = await ctx.db.select().from(exportRequests).where(eq(exportRequests.id, requestId));
  if (!row || row.status !== 'approved' || row.fileId) return { made: false };
  const now = ctx.clock.now();
  const actor = requesterOf(row, `job:${ctx.job?.id ?? requestId}`);
  const made = await makeExport(
    { db: ctx.db, actor, now, sensitive: ctx.sensitive, config: ctx.config },
    { target: row.target as ExportTarget, reason: row.reason, approvedRequestId: row.id },
  );
  const files = { db: ctx.db, store: ctx.store, config: ctx.config.files, clock: ctx.clock };
  const stored = await storeFile(files, actor, {
    content: made.content,
    name: made.fileName,
    purpose: 'export',
    divisionCode: row.divisionCode,
  });
  const expiresAt = new Date(now.getTime() + ctx.config.exports.downloadMs);
  return ctx.db.transaction(async (tx) => {
    const [updated] = await tx
      .update(exportRequests)
      .set({ fileId: stored.id, expiresAt })
      .where(awaitingFile(requestId))
      .returning();
    if (!updated) return { made: false };
    await attachFile(tx, actor, stored.id, reference(requestId));
    await audit(tx, system, {
      action: ExportRequestAuditAction['export_request.file'],
      entity: 'export_request',
      entityId: requestId,
      detail: { fileId: stored.id, size: stored.size, expiresAt: expiresAt.toISOString() },
    });
    await publishEvent(tx, {
      type: ExportRequestEventType['export_request.ready'],
      divisionCode: row.divisionCode,
      permission: 'export.request',
      recipientId: row.requestedBy,
      entity: 'export_request',
      entityId: requestId,
      data: { kind: row.kind, expiresAt: expiresAt.toISOString() },
    });
    return { made: true };
  });
}

/**
 * The file job's retries used up: the approved request is marked failed, audited with the error,
 * and its requester told, instead of waiting on a file that will not come. A request whose file
 * was made meanwhile is left alone.
 */
export async function failExportRequest(
  ctx: { db: Db },
  input: { requestId: string; error: unknown },
): Promise<{ failed: boolean }> {
  const { requestId } = input;
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(exportRequests)
      .set({ status: 'failed' })
      .where(awaitingFile(requestId))
      .returning();
    if (!row) return { failed: false };
    await audit(tx, system, {
      action: ExportRequestAuditAction['export_request.fail'],
      entity: 'export_request',
      entityId: requestId,
      detail: { error: input.error instanceof Error ? input.error.message : String(input.error) },
    });
    await publishEvent(tx, {
      type: ExportRequestEventType['export_request.failed'],
      divisionCode: row.divisionCode,
      permission: 'export.request',
      recipientId: row.requestedBy,
      entity: 'export_request',
      entityId: requestId,
    });
    return { failed: true };
  });
}

/** Marks one approved request expired and releases its file (collected by expireExportRequests). */
async function expire(db: Db, row: RequestRow): Promise<void> {
  await db.transaction(async (tx) => {
    const [updated] = await tx
      .update(exportRequests)
      .set({ status: 'expired' })
      .where(and(eq(exportRequests.id, row.id), eq(exportRequests.status, 'approved')))
      .returning();
    if (!updated) return;
    if (row.fileId) await detachFile(tx, row.fileId, reference(row.id));
    await audit(tx, system, {
      action: ExportRequestAuditAction['export_request.expire'],
      entity: 'export_request',
      entityId: row.id,
      detail: { fileId: row.fileId, expiresAt: row.expiresAt?.toISOString() ?? null },
    });
  });
}

/**
 * The one download of an approved file, by its requester only (anyone else: not_found), while it
 * is valid: the bytes through the scoped, audited file path, the request marked downloaded and its
 * file released in one transaction. Afterwards, or once expired: 410.
 */
export async function downloadExportRequest(
  ctx: Pick<ExportRequestsContext, 'db' | 'actor' | 'now' | 'files'>,
  id: string,
): Promise<FileDownload> {
  const { actor } = ctx;
  const row = await getRequestRow(ctx, { id });
  if (row.requestedBy !== actor.userId) throw new AppError(ExportRequestError.not_found);
  if (row.status === 'downloaded') throw new AppError(ExportRequestError.downloaded);
  if (row.status === 'expired') throw new AppError(ExportRequestError.expired);
  if (row.status === 'failed') throw new AppError(ExportRequestError.failed);
  if (row.status !== 'approved') throw new AppError(ExportRequestError.not_approved);
  if (row.expiresAt && row.expiresAt <= ctx.now) {
    await expire(ctx.db, row);
    throw new AppError(ExportRequestError.expired);
  }
  if (!row.fileId) throw new AppError(ExportRequestError.not_ready);
  const fileId = row.fileId;
  const file = await openFile(ctx.files, actor, {
    id: fileId,
    variant: 'original',
    purpose: 'export',
  });
  try {
    const taken = await ctx.db.transaction(async (tx) => {
      const [updated] = await tx
        .update(exportRequests)
        .set({ status: 'downloaded', downloadedAt: ctx.now })
        .where(and(eq(exportRequests.id, id), eq(exportRequests.status, 'approved')))
        .returning();
      if (!updated) return false;
      await detachFile(tx, fileId, reference(id));
      await audit(tx, actor, {
        action: ExportRequestAuditAction['export_request.download'],
        entity: 'export_request',
        entityId: id,
        detail: { fileId, kind: row.kind, people: row.people },
      });
      return true;
    });
    if (!taken) throw new AppError(ExportRequestError.downloaded);
  } catch (err) {
    if ('destroy' in file.content) file.content.destroy();
    throw err;
  }
  return file;
}

/**
 * The schedule's sweep: approved requests past their validity expire, and the files of expired
 * and downloaded requests (released, referenced by nothing) are removed at once, not after the
 * general grace period.
 */
export async function expireExportRequests(ctx: {
  db: Db;
  store: FileStore;
  now: Date;
}): Promise<{ expired: number; removed: number }> {
  const due = await ctx.db
    .select()
    .from(exportRequests)
    .where(and(eq(exportRequests.status, 'approved'), lte(exportRequests.expiresAt, ctx.now)))
    .limit(500);
  for (const row of due) await expire(ctx.db, row);
  const { removed } = await collectUnreferencedFiles(ctx, ctx.now, 500, 'export');
  return { expired: due.length, removed };
}
