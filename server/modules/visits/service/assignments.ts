import { and, desc, inArray, max, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { inScope } from '../../../platform/access/actor.ts';
import { audit } from '../../../platform/audit/audit.ts';
import { isWithinDivision } from '../../../platform/contract/divisions.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import { compareChineseNames } from '../../../platform/i18n/locale.ts';
import { SubjectError } from '../../subjects/contract.ts';
import { divisionNames } from '../../divisions/service.ts';
import { assign, assignedTo, subjectsInCare, subjectSummaries } from '../../subjects/service.ts';
import { visitorsIn, type VisitorAccount } from '../../users/service.ts';
import {
  VisitError,
  VisitorError,
  type AssignBody,
  type CaseloadQuery,
  type HandOverBody,
  type UnassignBody,
  type VisitorsQuery,
} from '../contract.ts';
import type { VisitsContext } from '../context.ts';
import { refreshDues } from '../dues.ts';
import { visitDues, visits } from '../tables.ts';

const fieldError = (field: string, code: string) => ({
  fields: [{ field, code }],
});

/** A visitor of the caller's scope (404 naming `field` otherwise). */
async function visitorOf(c: VisitsContext, id: string, field: string): Promise<VisitorAccount> {
  const [visitor] = await visitorsIn(c.db, c.actor, { id });
  if (!visitor)
    throw new AppError(VisitorError.not_found, fieldError(field, VisitorError.not_found));
  return visitor;
}

const covers = (visitor: VisitorAccount, divisionCode: string) =>
  visitor.divisionCode === null || isWithinDivision(divisionCode, visitor.divisionCode);

/**
 * POST /api/assignments: subjects to a visitor, one by one or a community's all; each leaves
 * their previous visitor today. Subjects must be in care in the caller's scope and in the
 * visitor's area.
 */
export async function assignSubjects(c: VisitsContext, body: z.infer<typeof AssignBody>) {
  const visitor = await visitorOf(c, body.visitorId, 'visitorId');
  let subjectIds: string[];
  if (body.divisionCode) {
    if (!inScope(c.actor, body.divisionCode))
      throw new AppError(
        SubjectError.not_found,
        fieldError('divisionCode', SubjectError.not_found),
      );
    if (!covers(visitor, body.divisionCode))
      throw new AppError(
        VisitError.visitor_out_of_area,
        fieldError('divisionCode', VisitError.visitor_out_of_area),
      );
    subjectIds = (await subjectsInCare(c.db, c.today, { divisionCode: body.divisionCode })).map(
      (s) => s.id,
    );
  } else {
    const ids = [...new Set(body.subjectIds ?? [])];
    const found = await subjectSummaries(c.db, ids);
    ids.forEach((id, i) => {
      const s = found.get(id);
      if (!s || s.status !== 'active' || !inScope(c.actor, s.divisionCode))
        throw new AppError(
          SubjectError.not_found,
          fieldError(`subjectIds.${i}`, SubjectError.not_found),
        );
      if (!covers(visitor, s.divisionCode))
        throw new AppError(
          VisitError.visitor_out_of_area,
          fieldError(`subjectIds.${i}`, VisitError.visitor_out_of_area),
        );
    });
    subjectIds = ids;
  }
  return c.db.transaction(async (tx) => {
    const { moved } = await assign(tx, {
      subjectIds,
      visitorId: visitor.id,
      today: c.today,
      now: c.now,
    });
    // the open due rows follow their subjects to the new visitor
    await refreshDues(tx, c.now, subjectIds);
    await audit(tx, c.actor, {
      action: 'visit.assign',
      entity: 'user',
      entityId: visitor.id,
      detail: { subjects: subjectIds.length, moved, divisionCode: body.divisionCode ?? null },
    });
    return { assigned: subjectIds.length, moved };
  });
}

/**
 * POST /api/assignments/hand-over: a visitor leaves or changes area; every subject of theirs
 * moves to another visitor today, with what is due of them (nothing due is lost).
 */
export async function handOver(c: VisitsContext, body: z.infer<typeof HandOverBody>) {
  if (body.fromVisitorId === body.toVisitorId)
    throw new AppError(VisitError.same_visitor, fieldError('toVisitorId', VisitError.same_visitor));
  const from = await visitorOf(c, body.fromVisitorId, 'fromVisitorId');
  const to = await visitorOf(c, body.toVisitorId, 'toVisitorId');
  const subjectIds = (await assignedTo(c.db, from.id, c.today)).map((a) => a.subjectId);
  const found = await subjectSummaries(c.db, subjectIds);
  if ([...found.values()].some((s) => !covers(to, s.divisionCode)))
    throw new AppError(
      VisitError.visitor_out_of_area,
      fieldError('toVisitorId', VisitError.visitor_out_of_area),
    );
  return c.db.transaction(async (tx) => {
    await assign(tx, { subjectIds, visitorId: to.id, today: c.today, now: c.now });
    await refreshDues(tx, c.now, subjectIds);
    await audit(tx, c.actor, {
      action: 'visit.hand_over',
      entity: 'user',
      entityId: from.id,
      detail: { to: to.id, subjects: subjectIds.length },
    });
    return { assigned: subjectIds.length, moved: subjectIds.length };
  });
}

/** POST /api/assignments/unassign: the subjects have no visitor from today. */
export async function unassignSubjects(c: VisitsContext, body: z.infer<typeof UnassignBody>) {
  const ids = [...new Set(body.subjectIds)];
  const found = await subjectSummaries(c.db, ids);
  ids.forEach((id, i) => {
    const s = found.get(id);
    if (!s || !inScope(c.actor, s.divisionCode))
      throw new AppError(
        SubjectError.not_found,
        fieldError(`subjectIds.${i}`, SubjectError.not_found),
      );
  });
  return c.db.transaction(async (tx) => {
    const { moved } = await assign(tx, {
      subjectIds: ids,
      visitorId: null,
      today: c.today,
      now: c.now,
    });
    await refreshDues(tx, c.now, ids);
    await audit(tx, c.actor, {
      action: 'visit.unassign',
      entity: 'subject',
      entityId: ids[0] as string,
      detail: { subjects: ids.length },
    });
    return { assigned: 0, moved };
  });
}

/** GET /api/visitors: the visitors of the caller's scope with their caseload and what is open. */
export async function listVisitors(c: VisitsContext, query: z.infer<typeof VisitorsQuery>) {
  const found = await visitorsIn(c.db, c.actor, { divisionCode: query.divisionCode });
  const ids = found.map((v) => v.id);
  const [open, places, loads] = await Promise.all([
    ids.length === 0
      ? []
      : c.db
          .select({
            visitorId: visitDues.visitorId,
            due: sql<number>`count(*) filter (where ${visitDues.status} = 'due')::int`,
            overdue: sql<number>`count(*) filter (where ${visitDues.status} = 'overdue')::int`,
          })
          .from(visitDues)
          .where(
            and(inArray(visitDues.visitorId, ids), inArray(visitDues.status, ['due', 'overdue'])),
          )
          .groupBy(visitDues.visitorId),
    divisionNames(
      c.db,
      found.flatMap((v) => (v.divisionCode ? [v.divisionCode] : [])),
    ),
    Promise.all(ids.map((id) => assignedTo(c.db, id, c.today).then((a) => a.length))),
  ]);
  const openOf = new Map(open.map((o) => [o.visitorId, o]));
  return {
    items: found.map((v, i) => ({
      id: v.id,
      name: v.name,
      username: v.username,
      divisionCode: v.divisionCode,
      divisionName: v.divisionCode ? (places.get(v.divisionCode) ?? null) : null,
      caseload: loads[i] ?? 0,
      due: openOf.get(v.id)?.due ?? 0,
      overdue: openOf.get(v.id)?.overdue ?? 0,
    })),
  };
}

/** GET /api/visitors/:id/caseload: the subjects of a visitor, with their last visit. */
export async function caseload(
  c: VisitsContext,
  input: { id: string } & z.infer<typeof CaseloadQuery>,
) {
  const visitor = await visitorOf(c, input.id, 'id');
  const assigned = await assignedTo(c.db, visitor.id, c.today);
  const summaries = await subjectSummaries(
    c.db,
    assigned.map((a) => a.subjectId),
  );
  const ordered = assigned
    .map((a) => ({ ...a, s: summaries.get(a.subjectId) }))
    .filter((a) => a.s && inScope(c.actor, a.s.divisionCode))
    .filter((a) => !input.q || (a.s?.name ?? '').includes(input.q))
    .sort((a, b) => compareChineseNames(a.s?.name ?? '', b.s?.name ?? ''));
  const page = ordered.slice((input.page - 1) * input.pageSize, input.page * input.pageSize);
  const ids = page.map((a) => a.subjectId);
  const [last, places] = await Promise.all([
    ids.length === 0
      ? []
      : c.db
          .select({ subjectId: visits.subjectId, at: max(visits.startedAt) })
          .from(visits)
          .where(inArray(visits.subjectId, ids))
          .groupBy(visits.subjectId)
          .orderBy(desc(max(visits.startedAt))),
    divisionNames(
      c.db,
      page.map((a) => a.s?.divisionCode ?? ''),
    ),
  ]);
  const lastOf = new Map(last.map((l) => [l.subjectId, l.at]));
  return {
    items: page.map(({ subjectId, since, s }) => ({
      subjectId,
      name: s?.name ?? '',
      kind: s?.kind ?? 'elder',
      careLevel: s?.careLevel ?? 'regular',
      householdId: s?.householdId ?? subjectId,
      divisionCode: s?.divisionCode ?? '',
      divisionName: places.get(s?.divisionCode ?? '') ?? null,
      since,
      lastVisitAt: lastOf.get(subjectId)?.toISOString() ?? null,
    })),
    total: ordered.length,
    page: input.page,
    pageSize: input.pageSize,
  };
}
