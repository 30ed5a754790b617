import { and, count, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { scopeWhere, type Actor } from '../../platform/access/actor.ts';
import { divisionPrefix } from '../../platform/contract/divisions.ts';
import { AppError } from '../../platform/http/app-error.ts';
import { divisionNames } from '../divisions/service.ts';
import { subjectNames } from '../subjects/service.ts';
import { userNames } from '../users/service.ts';
import type { EmergenciesContext } from './context.ts';
import {
  EmergencyError,
  type EmergencyDetail,
  type EmergencySummary,
  type ListEmergenciesQuery,
} from './contract.ts';
import { callerOf, emergencyActionsFor } from './lifecycle.ts';
import { emergencies, emergencyCalls } from './tables.ts';

export type EmergencyRow = typeof emergencies.$inferSelect;

/**
 * The emergencies an actor may see: those in their division subtree; a visitor only those they
 * recorded themselves.
 */
export function emergencyScope(actor: Pick<Actor, 'scope' | 'role' | 'userId'>): SQL | undefined {
  const division = scopeWhere(actor, { division: emergencies.divisionCode });
  if (actor.role !== 'visitor') return division;
  return and(division, eq(emergencies.reportedBy, actor.userId));
}

/** The start of a day in Asia/Shanghai. */
const dayStart = (day: string) => new Date(`${day}T00:00:00+08:00`);
const DAY_MS = 86_400_000;

/** One emergency of the actor's scope (or emergency.not_found), locked for a write when asked. */
export async function getEmergencyRow(
  { db, actor }: Pick<EmergenciesContext, 'db' | 'actor'>,
  id: string,
  opts: { forUpdate?: boolean } = {},
): Promise<EmergencyRow> {
  const query = db
    .select()
    .from(emergencies)
    .where(and(eq(emergencies.id, id), emergencyScope(actor)));
  const [row] = opts.forUpdate ? await query.for('update') : await query;
  if (!row) throw new AppError(EmergencyError.not_found);
  return row;
}

/** Summaries of the given rows: the names of subjects, places and people in one query each. */
async function summaries(
  { db, actor }: Pick<EmergenciesContext, 'db' | 'actor'>,
  rows: readonly EmergencyRow[],
  moreUsers: readonly string[] = [],
): Promise<{ items: z.infer<typeof EmergencySummary>[]; people: Map<string, string> }> {
  const userIds = rows.flatMap((r) =>
    [r.reportedBy, r.takenBy, r.closedBy].filter((x): x is string => x !== null),
  );
  const [subjects, places, people] = await Promise.all([
    subjectNames(
      db,
      rows.map((r) => r.subjectId),
    ),
    divisionNames(
      db,
      rows.map((r) => r.divisionCode),
    ),
    userNames(db, [...userIds, ...moreUsers]),
  ]);
  const person = (id: string | null) => (id ? { id, name: people.get(id) ?? null } : null);
  const who = callerOf(actor);
  const items = rows.map((r): z.infer<typeof EmergencySummary> => ({
    id: r.id,
    subjectId: r.subjectId,
    subjectName: subjects.get(r.subjectId) ?? null,
    householdId: r.householdId,
    divisionCode: r.divisionCode,
    divisionName: places.get(r.divisionCode) ?? null,
    source: r.source,
    visitId: r.visitId,
    kind: r.kind,
    whatHappened: r.whatHappened,
    occurredAt: r.occurredAt.toISOString(),
    status: r.status,
    reportedBy: person(r.reportedBy),
    reportedAt: r.createdAt.toISOString(),
    takenBy: person(r.takenBy),
    takenAt: r.takenAt?.toISOString() ?? null,
    closedBy: person(r.closedBy),
    closedAt: r.closedAt?.toISOString() ?? null,
    version: r.version,
    allowedActions: emergencyActionsFor(who, r),
  }));
  return { items, people };
}

/** GET /api/emergencies: the actor's scope, the newest first (open ones above the rest). */
export async function listEmergencies(
  c: EmergenciesContext,
  query: z.infer<typeof ListEmergenciesQuery>,
) {
  const where = and(
    emergencyScope(c.actor),
    query.status ? eq(emergencies.status, query.status) : undefined,
    query.divisionCode
      ? sql`${emergencies.divisionCode} like ${divisionPrefix(query.divisionCode) + '%'}`
      : undefined,
    query.subjectId ? eq(emergencies.subjectId, query.subjectId) : undefined,
    query.from ? gte(emergencies.occurredAt, dayStart(query.from)) : undefined,
    query.to
      ? lt(emergencies.occurredAt, new Date(dayStart(query.to).getTime() + DAY_MS))
      : undefined,
  );
  const [rows, [total]] = await Promise.all([
    c.db
      .select()
      .from(emergencies)
      .where(where)
      .orderBy(
        sql`case ${emergencies.status} when 'open' then 0 when 'taken' then 1 else 2 end`,
        desc(emergencies.occurredAt),
        desc(emergencies.id),
      )
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    c.db.select({ n: count() }).from(emergencies).where(where),
  ]);
  const { items } = await summaries(c, rows);
  return { items, total: total?.n ?? 0, page: query.page, pageSize: query.pageSize };
}

/** One emergency with its call log, in the order of the calls. */
export async function getEmergencyDetail(
  c: Pick<EmergenciesContext, 'db' | 'actor'>,
  id: string,
): Promise<z.infer<typeof EmergencyDetail>> {
  const row = await getEmergencyRow(c, id);
  const calls = await c.db
    .select()
    .from(emergencyCalls)
    .where(eq(emergencyCalls.emergencyId, id))
    .orderBy(emergencyCalls.calledAt, emergencyCalls.recordedAt);
  const recorders = calls.flatMap((x) => (x.recordedBy ? [x.recordedBy] : []));
  const { items, people } = await summaries(c, [row], recorders);
  return {
    ...(items[0] as z.infer<typeof EmergencySummary>),
    actionsTaken: row.actionsTaken,
    outcome: row.outcome,
    calls: calls.map((x) => ({
      id: x.id,
      party: x.party,
      calledAt: x.calledAt.toISOString(),
      reached: x.reached,
      note: x.note,
      recordedBy: x.recordedBy
        ? { id: x.recordedBy, name: people.get(x.recordedBy) ?? null }
        : null,
      recordedAt: x.recordedAt.toISOString(),
    })),
  };
}
