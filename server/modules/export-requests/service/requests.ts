import { and, count, desc, eq, ne, or, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { can, inScope, scopeWhere, type Actor } from '../../../platform/access/actor.ts';
import { audit } from '../../../platform/audit/audit.ts';
import { isWithinDivision } from '../../../platform/contract/divisions.ts';
import { publishEvent } from '../../../platform/events/publish.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import { divisionNames } from '../../divisions/service.ts';
import { userNames } from '../../users/service.ts';
import type { ExportRequestsContext } from '../context.ts';
import {
  ExportRequestAuditAction,
  ExportRequestError,
  ExportRequestEventType,
  type CreateExportRequestBody,
  type ExportRequestView,
  type ListExportRequestsQuery,
} from '../contract.ts';
import { exportRequests } from '../tables.ts';
import {
  approvalDivisionOf,
  coveringDivision,
  describeExport,
  targetOf,
  type ExportTarget,
} from './kinds.ts';

export type RequestRow = typeof exportRequests.$inferSelect;
/** What reading requests needs: the database (a transaction inside a write) and who asks. */
type ReadContext = Pick<ExportRequestsContext, 'db' | 'actor'>;

/**
 * What an actor may see of the requests: their own, and, holding export.approve, those whose
 * deciding division lies in their scope (a district officer: their district's).
 */
export function visibleWhere(actor: Actor): SQL | undefined {
  const own = eq(exportRequests.requestedBy, actor.userId);
  if (!can(actor, 'export.approve')) return own;
  const theirs = scopeWhere(actor, { division: exportRequests.approvalDivisionCode });
  return theirs ? or(own, theirs) : undefined;
}

/** Whether the actor may approve or refuse the request (not their own, within their scope). */
export const mayDecide = (actor: Actor, row: RequestRow) =>
  can(actor, 'export.approve') &&
  row.requestedBy !== actor.userId &&
  inScope(actor, row.approvalDivisionCode);

/** A request the actor may see, or not_found (as if it did not exist); locked with `forUpdate`. */
export async function getRequestRow(
  { db, actor }: ReadContext,
  { id, forUpdate = false }: { id: string; forUpdate?: boolean },
): Promise<RequestRow> {
  const query = db
    .select()
    .from(exportRequests)
    .where(and(eq(exportRequests.id, id), visibleWhere(actor)));
  const [row] = forUpdate ? await query.for('update') : await query;
  if (!row) throw new AppError(ExportRequestError.not_found);
  return row;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export async function toViews(
  { db, actor }: ReadContext,
  rows: RequestRow[],
): Promise<ExportRequestView[]> {
  const [names, people] = await Promise.all([
    divisionNames(
      db,
      rows.map((r) => r.divisionCode),
    ),
    userNames(
      db,
      rows.flatMap((r) => [r.requestedBy, ...(r.decidedBy ? [r.decidedBy] : [])]),
    ),
  ]);
  return rows.map((r) => {
    const target = r.target as ExportTarget;
    return {
      id: r.id,
      kind: r.kind,
      filters: target.kind === 'subjects' ? target.filters : null,
      roundId: target.kind === 'roster_round' ? target.roundId : null,
      roundMonth: target.kind === 'roster_round' ? (target.month ?? null) : null,
      reason: r.reason,
      people: r.people,
      divisionCode: r.divisionCode,
      divisionName: names.get(r.divisionCode) ?? null,
      approvalDivisionCode: r.approvalDivisionCode,
      status: r.status,
      requestedBy: {
        id: r.requestedBy,
        username: r.requesterUsername,
        name: people.get(r.requestedBy) ?? null,
      },
      requestedAt: r.requestedAt.toISOString(),
      decidedBy: r.decidedBy ? (people.get(r.decidedBy) ?? null) : null,
      decidedAt: iso(r.decidedAt),
      decisionNote: r.decisionNote,
      fileReady: r.status === 'approved' && r.fileId !== null,
      expiresAt: iso(r.expiresAt),
      downloadedAt: iso(r.downloadedAt),
      mine: r.requestedBy === actor.userId,
      canDecide: r.status === 'requested' && mayDecide(actor, r),
    };
  });
}

export async function viewRequest(c: ReadContext, row: RequestRow) {
  const [view] = await toViews(c, [row]);
  return view as ExportRequestView;
}

/** A request the actor may see, as the page shows it (or not_found). */
export async function getExportRequest(c: ReadContext, id: string) {
  return viewRequest(c, await getRequestRow(c, { id }));
}

/**
 * Asks for an unmasked export: counted now, in the requester's scope (a target outside it is
 * not_found), kept with that scope, audited, and announced to the officers of the district it
 * lies in. Nothing is exported until one of them approves.
 */
export async function createExportRequest(
  c: ExportRequestsContext,
  body: CreateExportRequestBody,
): Promise<ExportRequestView> {
  const { actor } = c;
  const found = await describeExport(c, targetOf(body));
  if (found.people === 0) throw new AppError(ExportRequestError.empty);
  let divisionCode = coveringDivision(found.divisionCodes);
  const own = actor.scope.divisionCode;
  // an export of a street's round by a community worker holds their community's changes only
  if (own && own !== divisionCode && isWithinDivision(own, divisionCode)) divisionCode = own;
  const approvalDivisionCode = approvalDivisionOf(divisionCode);
  return c.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(exportRequests)
      .values({
        kind: body.kind,
        target: found.target,
        reason: body.reason,
        people: found.people,
        divisionCode,
        approvalDivisionCode,
        requestedBy: actor.userId,
        requesterUsername: actor.username,
        requesterRole: actor.role,
        requesterDivisionCode: actor.scope.divisionCode,
        requesterOrganisationId: actor.scope.organisationId,
        requestedAt: c.now,
      })
      .returning();
    if (!row) throw new Error('export request not written');
    await audit(tx, actor, {
      action: ExportRequestAuditAction['export_request.create'],
      entity: 'export_request',
      entityId: row.id,
      reason: body.reason,
      detail: { kind: body.kind, people: found.people, divisionCode, approvalDivisionCode },
    });
    await publishEvent(tx, {
      type: ExportRequestEventType['export_request.requested'],
      divisionCode: approvalDivisionCode,
      permission: 'export.approve',
      entity: 'export_request',
      entityId: row.id,
      actorId: actor.userId,
      data: { kind: body.kind, people: found.people },
    });
    return viewRequest({ db: tx, actor }, row);
  });
}

export async function listExportRequests(
  c: ReadContext,
  query: z.infer<typeof ListExportRequestsQuery>,
): Promise<{ items: ExportRequestView[]; total: number; page: number; pageSize: number }> {
  const { db, actor } = c;
  const where = and(
    query.view === 'mine'
      ? eq(exportRequests.requestedBy, actor.userId)
      : can(actor, 'export.approve')
        ? and(
            ne(exportRequests.requestedBy, actor.userId),
            scopeWhere(actor, { division: exportRequests.approvalDivisionCode }),
          )
        : sql`false`,
    query.status ? eq(exportRequests.status, query.status) : undefined,
  );
  const [rows, [{ n } = { n: 0 }]] = await Promise.all([
    db
      .select()
      .from(exportRequests)
      .where(where)
      .orderBy(desc(exportRequests.requestedAt), desc(exportRequests.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ n: count() }).from(exportRequests).where(where),
  ]);
  return {
    items: await toViews(c, rows),
    total: Number(n),
    page: query.page,
    pageSize: query.pageSize,
  };
}
