import { and, asc, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { scopeWhere, type Actor } from '../../platform/access/actor.ts';
import { divisionLevel, divisionPrefix } from '../../platform/contract/divisions.ts';
import { AppError } from '../../platform/http/app-error.ts';
import { divisionNames, listDivisions } from '../divisions/service.ts';
import { proposedView, shownChanges } from './changes.ts';
import { RosterEntryError, RosterError, type ListRoundsQuery } from './contract.ts';
import type { RosterCtx } from './service/import-roster.ts';
import { rosterEntries, rosterRounds } from './tables.ts';

type Round = typeof rosterRounds.$inferSelect;

/**
 * The rounds an actor may see: those of the streets in the actor's subtree, and for a community
 * worker the round of their own street (whose changes they see only for their community).
 */
function roundScope(actor: Pick<Actor, 'scope'>): SQL | undefined {
  const code = actor.scope.divisionCode;
  if (code && ['community', 'grid'].includes(divisionLevel(code)))
    return eq(rosterRounds.divisionCode, `${code.slice(0, 9)}000`);
  return scopeWhere(actor, { division: rosterRounds.divisionCode });
}

/** `YYYY-MM` after a month. */
const nextMonth = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
};

/** Whether a street's roster of a month is late: not approved after the due day of the next month. */
export function isLate(month: string, approved: boolean, today: string, dueDay: number): boolean {
  return !approved && today > `${nextMonth(month)}-${String(dueDay).padStart(2, '0')}`;
}

export async function getRoundRow(
  db: Db,
  actor: Actor,
  id: string,
  forUpdate = false,
): Promise<Round> {
  const query = db
    .select()
    .from(rosterRounds)
    .where(and(eq(rosterRounds.id, id), roundScope(actor)));
  const [round] = forUpdate ? await query.for('update') : await query;
  if (!round) throw new AppError(RosterError.not_found);
  return round;
}

async function countsOf(db: Db, actor: Actor, ids: string[]) {
  const found =
    ids.length === 0
      ? []
      : await db
          .select({
            roundId: rosterEntries.roundId,
            action: rosterEntries.action,
            returned: sql<number>`count(*) filter (where ${rosterEntries.reviewState} in ('returned', 'fixed'))::int`,
            fixed: sql<number>`count(*) filter (where ${rosterEntries.reviewState} = 'fixed')::int`,
            n: count(),
          })
          .from(rosterEntries)
          .where(
            and(
              inArray(rosterEntries.roundId, ids),
              scopeWhere(actor, { division: rosterEntries.divisionCode }),
            ),
          )
          .groupBy(rosterEntries.roundId, rosterEntries.action);
  type Counts = { add: number; change: number; remove: number; returned: number; fixed: number };
  const counts = new Map<string, Counts>();
  for (const id of ids) counts.set(id, { add: 0, change: 0, remove: 0, returned: 0, fixed: 0 });
  for (const r of found) {
    const c = counts.get(r.roundId);
    if (!c) continue;
    c[r.action] += r.n;
    c.returned += r.returned;
    c.fixed += r.fixed;
  }
  return counts;
}

async function toViews(
  c: Pick<RosterCtx, 'db' | 'today' | 'config'>,
  actor: Actor,
  rounds: Round[],
) {
  const [names, counts] = await Promise.all([
    divisionNames(
      c.db,
      rounds.map((r) => r.divisionCode),
    ),
    countsOf(
      c.db,
      actor,
      rounds.map((r) => r.id),
    ),
  ]);
  return rounds.map((r) => ({
    id: r.id,
    divisionCode: r.divisionCode,
    divisionName: names.get(r.divisionCode) ?? null,
    month: r.month,
    status: r.status,
    submittedAt: r.submittedAt?.toISOString() ?? null,
    reviewedAt: r.reviewedAt?.toISOString() ?? null,
    reviewComment: r.reviewComment,
    approvedAt: r.approvedAt?.toISOString() ?? null,
    late: isLate(r.month, r.status === 'approved', c.today, c.config.dueDay),
    counts: counts.get(r.id) ?? { add: 0, change: 0, remove: 0, returned: 0, fixed: 0 },
  }));
}

export async function listRounds(
  c: RosterCtx,
  actor: Actor,
  query: z.infer<typeof ListRoundsQuery>,
) {
  const where = and(
    roundScope(actor),
    query.month ? eq(rosterRounds.month, query.month) : undefined,
    query.status ? eq(rosterRounds.status, query.status) : undefined,
    query.divisionCode
      ? sql`${rosterRounds.divisionCode} like ${divisionPrefix(query.divisionCode) + '%'}`
      : undefined,
  );
  const [found, [total]] = await Promise.all([
    c.db
      .select()
      .from(rosterRounds)
      .where(where)
      .orderBy(desc(rosterRounds.month), asc(rosterRounds.divisionCode))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    c.db.select({ n: count() }).from(rosterRounds).where(where),
  ]);
  return {
    items: await toViews(c, actor, found),
    total: total?.n ?? 0,
    page: query.page,
    pageSize: query.pageSize,
    missing:
      query.month && !query.status
        ? await missingStreets(c, actor, query.month, query.divisionCode)
        : [],
  };
}

/** The streets in scope (under `divisionCode` when given) with no round of the month at all. */
async function missingStreets(c: RosterCtx, actor: Actor, month: string, divisionCode?: string) {
  const have = new Set(
    (
      await c.db
        .select({ code: rosterRounds.divisionCode })
        .from(rosterRounds)
        .where(and(roundScope(actor), eq(rosterRounds.month, month)))
    ).map((r) => r.code),
  );
  return (await listDivisions(c.db, actor, { today: c.today }))
    .filter((d) => d.level === 'street' && !have.has(d.code))
    .filter((d) => !divisionCode || d.code.startsWith(divisionPrefix(divisionCode)))
    .map((d) => ({
      divisionCode: d.code,
      divisionName: d.name,
      late: isLate(month, false, c.today, c.config.dueDay),
    }));
}

/**
 * Every street of a month in scope, in code order: its round (status, counts, late) or none yet.
 * Not paged: a city has a few hundred streets.
 */
export async function listMonth(c: RosterCtx, actor: Actor, month: string, divisionCode?: string) {
  const found = await c.db
    .select()
    .from(rosterRounds)
    .where(
      and(
        roundScope(actor),
        eq(rosterRounds.month, month),
        divisionCode
          ? sql`${rosterRounds.divisionCode} like ${divisionPrefix(divisionCode) + '%'}`
          : undefined,
      ),
    );
  const [rounds, missing] = await Promise.all([
    toViews(c, actor, found),
    missingStreets(c, actor, month, divisionCode),
  ]);
  return [
    ...rounds.map((round) => ({
      divisionCode: round.divisionCode,
      divisionName: round.divisionName,
      round,
      late: round.late,
    })),
    ...missing.map((m) => ({ ...m, round: null })),
  ].sort((a, b) => a.divisionCode.localeCompare(b.divisionCode));
}

export async function getRoundView(c: RosterCtx, actor: Actor, id: string) {
  const [view] = await toViews(c, actor, [await getRoundRow(c.db, actor, id)]);
  return view as NonNullable<typeof view>;
}

const entryColumns = {
  id: rosterEntries.id,
  divisionCode: rosterEntries.divisionCode,
  action: rosterEntries.action,
  subjectId: rosterEntries.subjectId,
  name: rosterEntries.name,
  kind: rosterEntries.kind,
  idNumberMasked: rosterEntries.idNumberMasked,
  changes: rosterEntries.changes,
  removalReason: rosterEntries.removalReason,
  removalNote: rosterEntries.removalNote,
  reviewState: rosterEntries.reviewState,
  reviewComment: rosterEntries.reviewComment,
  rowNumber: rosterEntries.rowNumber,
  payloadCipher: rosterEntries.payloadCipher,
};

/** What the views of entries are made with: the cipher opens each proposal to mask its fields. */
type ViewCtx = Pick<RosterCtx, 'db' | 'sensitive' | 'today'>;

async function entryViews(c: ViewCtx, where: SQL | undefined) {
  const { db } = c;
  const found = await db
    .select(entryColumns)
    .from(rosterEntries)
    .where(where)
    .orderBy(
      asc(rosterEntries.divisionCode),
      asc(rosterEntries.action),
      asc(rosterEntries.rowNumber),
      asc(rosterEntries.name),
    );
  const names = await divisionNames(
    db,
    found.map((e) => e.divisionCode),
  );
  return found.map(({ payloadCipher, ...e }) => ({
    ...e,
    changes: shownChanges(e.changes),
    divisionName: names.get(e.divisionCode) ?? null,
    proposed: proposedView(c.sensitive, { action: e.action, payloadCipher }, c.today),
  }));
}

/** A round with its changes against the live roster (joined, left, changed field by field). */
export async function getRoundDetail(c: RosterCtx, actor: Actor, id: string) {
  const round = await getRoundView(c, actor, id);
  const entries = await entryViews(
    c,
    and(eq(rosterEntries.roundId, id), scopeWhere(actor, { division: rosterEntries.divisionCode })),
  );
  return { ...round, entries };
}

export async function getEntryView(c: ViewCtx, actor: Actor, id: string) {
  const [entry] = await entryViews(
    c,
    and(eq(rosterEntries.id, id), scopeWhere(actor, { division: rosterEntries.divisionCode })),
  );
  if (!entry) throw new AppError(RosterEntryError.not_found);
  return entry;
}
