import { and, asc, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { scopeWhere, type Actor } from '../../platform/access/actor.ts';
import { divisionLevel, divisionPrefix } from '../../platform/contract/divisions.ts';
import { AppError } from '../../platform/http/app-error.ts';
import { divisionNames, listDivisions } from '../divisions/service.ts';
import { userNames } from '../users/service.ts';
import { proposedView, shownChanges } from './changes.ts';
import type { RosterContext } from './context.ts';
import { RosterEntryError, RosterError, type ListRoundsQuery } from './contract.ts';
import { callerOf, roundActions } from './lifecycle.ts';
import { communityProgress } from './progress.ts';
import { rosterEntries, rosterRounds, rosterSettings } from './tables.ts';

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
export const nextMonth = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
};

/** Whether a street's roster of a month is late: not approved after the due day of the next month. */
export function isLate(
  round: { month: string; approved: boolean },
  at: { today: string; dueDay: number },
): boolean {
  return (
    !round.approved && at.today > `${nextMonth(round.month)}-${String(at.dueDay).padStart(2, '0')}`
  );
}

export async function getRoundRow(
  c: Pick<RosterContext, 'db' | 'actor'>,
  id: string,
  opts: { forUpdate?: boolean } = {},
): Promise<Round> {
  const query = c.db
    .select()
    .from(rosterRounds)
    .where(and(eq(rosterRounds.id, id), roundScope(c.actor)));
  const [round] = opts.forUpdate ? await query.for('update') : await query;
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
  c: Pick<RosterContext, 'db' | 'actor' | 'today' | 'config'>,
  rounds: Round[],
) {
  const { actor } = c;
  const [names, counts, people] = await Promise.all([
    divisionNames(
      c.db,
      rounds.map((r) => r.divisionCode),
    ),
    countsOf(
      c.db,
      actor,
      rounds.map((r) => r.id),
    ),
    userNames(
      c.db,
      rounds.flatMap((r) => (r.submittedBy ? [r.submittedBy] : [])),
    ),
  ]);
  const caller = callerOf(actor);
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
    submittedByName: r.submittedBy ? (people.get(r.submittedBy) ?? null) : null,
    reopenedAt: r.reopenedAt?.toISOString() ?? null,
    sequence: r.sequence,
    allowedActions: roundActions(caller, r),
    // a correction round is not late: the month's own round is
    late:
      r.sequence === 0 &&
      isLate(
        { month: r.month, approved: r.status === 'approved' },
        { today: c.today, dueDay: c.config.dueDay },
      ),
    counts: counts.get(r.id) ?? { add: 0, change: 0, remove: 0, returned: 0, fixed: 0 },
  }));
}

export async function listRounds(c: RosterContext, query: z.infer<typeof ListRoundsQuery>) {
  const { actor } = c;
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
      .orderBy(desc(rosterRounds.month), asc(rosterRounds.divisionCode), asc(rosterRounds.sequence))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    c.db.select({ n: count() }).from(rosterRounds).where(where),
  ]);
  return {
    items: await toViews(c, found),
    total: total?.n ?? 0,
    page: query.page,
    pageSize: query.pageSize,
    missing:
      query.month && !query.status
        ? await missingStreets(c, { month: query.month, divisionCode: query.divisionCode })
        : [],
  };
}

/** The streets in scope (under `divisionCode` when given) with no round of the month at all. */
async function missingStreets(
  c: RosterContext,
  { month, divisionCode }: { month: string; divisionCode?: string | undefined },
) {
  const { actor } = c;
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
      late: isLate({ month, approved: false }, { today: c.today, dueDay: c.config.dueDay }),
    }));
}

/**
 * Every street of a month in scope, in code order: its round of the month (status, counts, late;
 * not its correction rounds) or none yet. Not paged: a city has a few hundred streets.
 */
export async function listMonth(
  c: RosterContext,
  { month, divisionCode }: { month: string; divisionCode?: string | undefined },
) {
  const found = await c.db
    .select()
    .from(rosterRounds)
    .where(
      and(
        roundScope(c.actor),
        eq(rosterRounds.month, month),
        eq(rosterRounds.sequence, 0),
        divisionCode
          ? sql`${rosterRounds.divisionCode} like ${divisionPrefix(divisionCode) + '%'}`
          : undefined,
      ),
    );
  const [rounds, missing] = await Promise.all([
    toViews(c, found),
    missingStreets(c, { month, divisionCode }),
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

export async function getRoundView(c: RosterContext, id: string) {
  const [view] = await toViews(c, [await getRoundRow(c, id)]);
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
type ViewCtx = Pick<RosterContext, 'db' | 'sensitive' | 'today'>;

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

/**
 * A round with its changes against the live roster (joined, left, changed field by field), every
 * community's progress in it and the street's other rounds of the month (its corrections).
 */
export async function getRoundDetail(c: RosterContext, { id }: { id: string }) {
  const round = await getRoundView(c, id);
  const [entries, progress, monthRounds, corrections] = await Promise.all([
    entryViews(
      c,
      and(
        eq(rosterEntries.roundId, id),
        scopeWhere(c.actor, { division: rosterEntries.divisionCode }),
      ),
    ),
    communityProgress(c, round),
    c.db
      .select({ id: rosterRounds.id, sequence: rosterRounds.sequence, status: rosterRounds.status })
      .from(rosterRounds)
      .where(
        and(eq(rosterRounds.divisionCode, round.divisionCode), eq(rosterRounds.month, round.month)),
      )
      .orderBy(asc(rosterRounds.sequence)),
    correctionsOf(c, round.divisionCode),
  ]);
  return { ...round, entries, progress, monthRounds, corrections };
}

export async function getEntryView(c: ViewCtx & Pick<RosterContext, 'actor'>, id: string) {
  const [entry] = await entryViews(
    c,
    and(eq(rosterEntries.id, id), scopeWhere(c.actor, { division: rosterEntries.divisionCode })),
  );
  if (!entry) throw new AppError(RosterEntryError.not_found);
  return entry;
}

type Corrections = RosterContext['config']['corrections'];

/** The district (12 digits) a street, community or grid belongs to. */
export const districtOf = (code: string) => `${code.slice(0, 6)}000000`;

/** Where changes to an approved month of this street (or any division under its district) go. */
export async function correctionsOf(
  c: Pick<RosterContext, 'db' | 'config'>,
  code: string,
): Promise<Corrections> {
  const [row] = await c.db
    .select({ corrections: rosterSettings.corrections })
    .from(rosterSettings)
    .where(eq(rosterSettings.districtCode, districtOf(code)));
  return row?.corrections ?? c.config.corrections;
}
