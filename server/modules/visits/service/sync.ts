import { and, asc, eq, gt, inArray, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { rows, type Db } from '../../../db/client.ts';
import { audit } from '../../../platform/audit/audit.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import { divisionNames } from '../../divisions/service.ts';
import { caseloadChanges, fieldSubjects, leftCaseload } from '../../subjects/service.ts';
import { VisitError, type CarePlanView, type SyncAnswer, type SyncQuery } from '../contract.ts';
import type { VisitsContext } from '../context.ts';
import { carePlans, visitDues } from '../tables.ts';

/*
 * GET /api/visits/sync: the field app keeps an offline store of the caller's caseload (issue 11,
 * point 2) and asks what changed since the cursor of its last sync.
 *
 * A subject has changed when any of its rows was stamped after the cursor's moment: the subject,
 * its household and the household's contacts, its assignment to the caller (just assigned), its
 * due rows (visit_dues.updated_at) or its visits (visits.recorded_at). It left the caseload when an
 * assignment to the caller ended after it (subject_assignments.updated_at: hand-over, unassigned)
 * or, still assigned, it left care or the caller's scope (its own stamp moved).
 *
 * The cursor race. A write stamps its rows with the time its request began and commits later; a
 * sync that reads between the two does not see them, and a cursor set to the read's own time would
 * skip them for good. So the moment a cursor hands on is the start of the read minus OVERLAP_MS,
 * longer than any write transaction lasts plus the clocks' skew between app processes: what
 * committed late is read again by the next sync, and so is what changed in the last minutes (the
 * phone upserts, so a repeat costs a few subjects and nothing else). The cursor is never ahead of
 * the server's clock (a cursor from the future is refused: the phone syncs again from the start).
 *
 * Paging. A pass (a first sync, or a large delta) goes by subject id; while it pages the cursor
 * holds the moment the pass looks after (`t`, none on a first sync), the moment the next pass will
 * look after (`n`, fixed by the pass's first page, so that what changed while it paged is not
 * lost), and the last subject sent (`a`). An interrupted first sync resumes after `a`; the phone
 * takes it as complete only once `more` is false. `removed` comes with a pass's first page.
 */

/** How far a cursor's moment lies behind the read that made it (see the cursor race above). */
export const OVERLAP_MS = 10 * 60_000;

const CursorPayload = z
  .object({
    /** The format. */
    v: z.literal(1),
    /** Whose cursor: another user's is refused (a phone changes hands). */
    u: z.uuid(),
    /** Changes after this moment; null: a first sync. */
    t: z.iso.datetime().nullable(),
    /** While paging: the moment the next pass looks after, and the last subject sent. */
    n: z.iso.datetime().optional(),
    a: z.uuid().optional(),
  })
  .strict()
  .refine((p) => (p.n === undefined) === (p.a === undefined));
type CursorPayload = z.infer<typeof CursorPayload>;

const writeCursor = (p: CursorPayload) => Buffer.from(JSON.stringify(p)).toString('base64url');

const invalidCursor = () =>
  new AppError(VisitError.cursor_invalid, {
    fields: [{ field: 'cursor', code: VisitError.cursor_invalid }],
  });

/** The cursor given back, or visit.cursor_invalid naming `cursor`. */
export function readCursor(c: Pick<VisitsContext, 'actor' | 'now'>, text: string): CursorPayload {
  if (text.length === 0 || text.length > 400 || !/^[A-Za-z0-9_-]+$/.test(text))
    throw invalidCursor();
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  const parsed = CursorPayload.safeParse(json);
  if (!parsed.success || parsed.data.u !== c.actor.userId) throw invalidCursor();
  const now = c.now.getTime();
  for (const moment of [parsed.data.t, parsed.data.n])
    if (moment && Date.parse(moment) > now) throw invalidCursor();
  return parsed.data;
}

/**
 * Of `ids`, the subjects whose due rows or visits were stamped after `since`: one statement. The
 * due rows are found through visit_dues_subject_idx (a subject holds a few dozen rows a year); an
 * index on visit_dues.updated_at would cost every recount its HOT update.
 */
async function touchedSince(db: Db, ids: readonly string[], since: Date): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const list = sql.param([...ids]);
  const found = await rows<{ id: string }>(
    db,
    sql`select d.subject_id as id from visit_dues d
        where d.subject_id = any(${list}::uuid[]) and d.updated_at > ${since}::timestamptz
      union
      select v.subject_id from visits v
        where v.subject_id = any(${list}::uuid[]) and v.recorded_at > ${since}::timestamptz
      union
      select s.id from subjects s join care_plans p on p.household_id = s.household_id
        where s.id = any(${list}::uuid[]) and p.updated_at > ${since}::timestamptz`,
  );
  return new Set(found.map((r) => r.id));
}

const carePlanOf = (p: typeof carePlans.$inferSelect | undefined) =>
  p
    ? {
        version: p.version,
        goals: p.goals,
        services: p.services as z.infer<typeof CarePlanView>['services'],
        rhythm: p.rhythm ?? null,
        reviewOn: p.reviewOn,
      }
    : null;

/** What a visit needs of each subject: its file, its open and current due rows, its last visits. */
async function syncSubjects(
  c: VisitsContext,
  ids: readonly string[],
): Promise<z.infer<typeof SyncAnswer>['subjects']> {
  if (ids.length === 0) return [];
  const [files, dues, last] = await Promise.all([
    fieldSubjects(c.db, c.sensitive, ids),
    c.db
      .select({
        subjectId: visitDues.subjectId,
        source: visitDues.source,
        windowStart: visitDues.windowStart,
        windowEnd: visitDues.windowEnd,
        required: visitDues.required,
        requiredHome: visitDues.requiredHome,
        done: visitDues.done,
        doneHome: visitDues.doneHome,
        status: visitDues.status,
      })
      .from(visitDues)
      .where(
        and(
          inArray(visitDues.subjectId, [...ids]),
          or(
            inArray(visitDues.status, ['due', 'overdue']),
            and(eq(visitDues.status, 'done'), gt(visitDues.windowEnd, c.now)),
          ),
        ),
      )
      .orderBy(asc(visitDues.windowEnd), asc(visitDues.id)),
    rows<{
      subjectId: string;
      id: string;
      kind: 'home' | 'phone' | 'video';
      startedAt: Date | string;
      outcome: 'met' | 'not_home' | 'refused' | 'moved' | 'deceased';
    }>(
      c.db,
      sql`select s.id as "subjectId", v.id, v.kind, v.started_at as "startedAt", v.outcome
        from unnest(${sql.param([...ids])}::uuid[]) as s(id)
        cross join lateral (select id, kind, started_at, outcome from visits
          where subject_id = s.id order by started_at desc limit 3) v
        order by s.id, v.started_at desc`,
    ),
  ]);
  const [places, plans] = await Promise.all([
    divisionNames(
      c.db,
      files.map((f) => f.divisionCode),
    ),
    c.db
      .select()
      .from(carePlans)
      .where(
        inArray(
          carePlans.householdId,
          files.map((f) => f.household.id),
        ),
      ),
  ]);
  const planOf = new Map(plans.map((p) => [p.householdId, p]));
  const group = <T extends { subjectId: string }>(list: T[]) => {
    const map = new Map<string, T[]>();
    for (const x of list) {
      const at = map.get(x.subjectId);
      if (at) at.push(x);
      else map.set(x.subjectId, [x]);
    }
    return map;
  };
  const duesOf = group(dues);
  const visitsOf = group(last);
  return files.map((f) => ({
    ...f,
    divisionName: places.get(f.divisionCode) ?? null,
    carePlan: carePlanOf(planOf.get(f.household.id)),
    dues: (duesOf.get(f.id) ?? []).map(({ subjectId: _s, windowStart, windowEnd, ...d }) => ({
      ...d,
      windowStart: windowStart.toISOString(),
      windowEnd: windowEnd.toISOString(),
    })),
    lastVisits: (visitsOf.get(f.id) ?? []).map((v) => ({
      id: v.id,
      kind: v.kind,
      startedAt: new Date(v.startedAt).toISOString(),
      outcome: v.outcome,
    })),
  }));
}

/** GET /api/visits/sync: the caller's caseload as changed since the cursor (see above). */
export async function syncVisits(
  c: VisitsContext,
  query: z.infer<typeof SyncQuery>,
): Promise<z.infer<typeof SyncAnswer>> {
  const cursor = query.cursor === undefined ? null : readCursor(c, query.cursor);
  const since = cursor?.t ? new Date(cursor.t) : null;
  const next = cursor?.n ?? new Date(c.now.getTime() - OVERLAP_MS).toISOString();
  const after = cursor?.a ?? null;
  const visitor = { userId: c.actor.userId, scope: c.actor.scope };

  const caseload = (await caseloadChanges(c.db, { visitor, today: c.today, since })).filter(
    (s) => after === null || s.id > after,
  );
  const touched = since
    ? await touchedSince(
        c.db,
        caseload.filter((s) => !s.changed).map((s) => s.id),
        since,
      )
    : new Set<string>();
  const pending = caseload.filter((s) => s.changed || touched.has(s.id)).map((s) => s.id);
  const page = pending.slice(0, query.limit);
  const more = pending.length > page.length;
  const removed =
    since && after === null ? await leftCaseload(c.db, { visitor, today: c.today, since }) : [];
  const subjects = await syncSubjects(c, page);
  if (subjects.length > 0)
    await audit(c.db, c.actor, {
      action: 'visit.sync',
      entity: 'user',
      entityId: c.actor.userId,
      detail: { subjects: subjects.length, removed: removed.length, first: since === null },
    });
  const last = page.at(-1);
  return {
    cursor: writeCursor(
      more && last
        ? { v: 1, u: c.actor.userId, t: cursor?.t ?? null, n: next, a: last }
        : { v: 1, u: c.actor.userId, t: next },
    ),
    more,
    subjects,
    removed,
  };
}
