import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { scopeWhere } from '../../../platform/access/actor.ts';
import { audit } from '../../../platform/audit/audit.ts';
import { AppError, isAppError } from '../../../platform/http/app-error.ts';
import { activeSubjectRow } from '../../subjects/service.ts';
import type { RosterContext } from '../context.ts';
import {
  RosterEntryError,
  RosterError,
  type RemoveSubjectBody,
  type RoundAction,
} from '../contract.ts';
import { callerOf, roundRefusal, type RoundState } from '../lifecycle.ts';
import { correctionsOf, getEntryView, getRoundRow, nextMonth } from '../queries.ts';
import { rosterEntries, rosterRounds } from '../tables.ts';

/*
 * The round bookkeeping: which round of a street takes a change (made when missing; after
 * approval a correction round, or the next month's round, as the district chose), and the
 * changes proposed one at a time (a removal, a withdrawal). Every decision whether a round may
 * do something is lifecycle.ts's.
 */

type Round = typeof rosterRounds.$inferSelect;

/** The street (12 digits) a community or grid belongs to: rounds are kept per street. */
export const streetOf = (code: string) => `${code.slice(0, 9)}000`;

export const statusNames = {
  open: { 'zh-CN': '编制中', 'en-US': 'open' },
  submitted: { 'zh-CN': '已提交', 'en-US': 'submitted' },
  returned: { 'zh-CN': '已退回', 'en-US': 'returned' },
  approved: { 'zh-CN': '已确认', 'en-US': 'approved' },
} as const;

/** 2026年11月 / 2026-11, as a message names a month. */
export const monthName = (month: string) => ({
  'zh-CN': `${month.slice(0, 4)}年${Number(month.slice(5))}月`,
  'en-US': month,
});

/**
 * Refuses what the lifecycle does not allow, with a stable 409: a change into a round that takes
 * none (`round_closed`, naming the month), a transition its state does not allow (`round_state`),
 * one this caller may not make (`transition_refused`).
 */
export function assertAllowed(
  c: Pick<RosterContext, 'actor'>,
  action: RoundAction,
  round: RoundState & { month: string },
) {
  const refused = roundRefusal(action, callerOf(c.actor), round);
  if (!refused) return;
  if (refused === 'who') throw new AppError(RosterError.transition_refused);
  if (action === 'compile')
    throw new AppError(RosterError.round_closed, {
      params: { month: monthName(round.month), status: statusNames[round.status] },
      fields: [{ field: 'month', code: RosterError.round_closed }],
    });
  throw new AppError(RosterError.round_state, { params: { status: statusNames[round.status] } });
}

async function latestRound(c: Pick<RosterContext, 'db'>, street: string, month: string) {
  const [round] = await c.db
    .select()
    .from(rosterRounds)
    .where(and(eq(rosterRounds.divisionCode, street), eq(rosterRounds.month, month)))
    .orderBy(desc(rosterRounds.sequence))
    .limit(1);
  return round ?? null;
}

/** Where a street's changes of a month go: the round and month that take them (none made yet). */
export type RoundTarget = {
  divisionCode: string;
  month: string;
  sequence: number;
  /** The month asked for, when the changes go into another (the next month's round). */
  correctsMonth: string | null;
};

/**
 * Where a street's changes of a month would go, without writing: the latest round of the month
 * while it is compiled; after approval the next correction round (`same`) or the next month's
 * round (`next`), as the street's district chose; refused (`round_closed`) while the round that
 * would take them is under review.
 */
export async function roundTarget(
  c: Pick<RosterContext, 'db' | 'actor' | 'config'>,
  street: string,
  month: string,
): Promise<RoundTarget> {
  const corrections = await correctionsOf(c, street);
  let at = month;
  for (let hop = 0; hop < 36; hop++) {
    const latest = await latestRound(c, street, at);
    const target = { divisionCode: street, month: at, correctsMonth: at === month ? null : month };
    if (!latest) return { ...target, sequence: 0 };
    if (latest.status !== 'approved') {
      assertAllowed(c, 'compile', latest);
      return { ...target, sequence: latest.sequence };
    }
    if (corrections === 'same') return { ...target, sequence: latest.sequence + 1 };
    at = nextMonth(at);
  }
  throw new Error('no round takes changes within three years');
}

/**
 * Refuses, before any row is checked or written, a month whose round of one of these streets is
 * under review (a dry run answers as the import would); answers where each street's rows go.
 */
export async function assertRoundsOpen(
  c: Pick<RosterContext, 'db' | 'actor' | 'config' | 'month'>,
  streets: string[],
): Promise<RoundTarget[]> {
  const targets: RoundTarget[] = [];
  for (const street of [...streets].sort()) targets.push(await roundTarget(c, street, c.month));
  return targets;
}

/**
 * The round of a street and month that changes go into, locked for the transaction: made when
 * missing; after approval a correction round of the month or the next month's round.
 */
export async function openRound(
  c: Pick<RosterContext, 'db' | 'now' | 'actor' | 'config'>,
  street: string,
  month: string,
): Promise<Round> {
  const { db, now } = c;
  const make = (at: string, sequence: number) =>
    db
      .insert(rosterRounds)
      .values({ divisionCode: street, month: at, sequence, createdAt: now, updatedAt: now })
      .onConflictDoNothing();
  const corrections = await correctionsOf(c, street);
  let at = month;
  await make(at, 0);
  for (let hop = 0; hop < 72; hop++) {
    const [latest] = await db
      .select()
      .from(rosterRounds)
      .where(and(eq(rosterRounds.divisionCode, street), eq(rosterRounds.month, at)))
      .orderBy(desc(rosterRounds.sequence))
      .limit(1)
      .for('update');
    if (!latest) throw new Error('round vanished');
    if (latest.status !== 'approved') {
      assertAllowed(c, 'compile', latest);
      return latest;
    }
    if (corrections === 'same') await make(at, latest.sequence + 1);
    else {
      at = nextMonth(at);
      await make(at, 0);
    }
  }
  throw new Error('no round takes changes within three years');
}

/** Proposes taking a subject off the roster (death, moved away, refused …), effective on approval. */
export async function proposeRemoval(c: RosterContext, body: z.infer<typeof RemoveSubjectBody>) {
  const id = await c.db.transaction((tx) => writeRemoval({ ...c, db: tx }, body));
  return getEntryView(c, id);
}

/** The removal proposed into the round that takes the subject's changes; its entry's id. */
async function writeRemoval(
  c: Pick<RosterContext, 'db' | 'actor' | 'now' | 'today' | 'month' | 'config'>,
  body: z.infer<typeof RemoveSubjectBody>,
): Promise<string> {
  const { actor, db: tx } = c;
  const month = body.month ?? c.month;
  const subject = await activeSubjectRow(c, { id: body.subjectId, field: 'subjectId' });
  const round = await openRound(c, streetOf(subject.divisionCode), month);
  const values = {
    roundId: round.id,
    divisionCode: subject.divisionCode,
    action: 'remove' as const,
    subjectId: subject.id,
    idNumberHash: subject.idNumberHash,
    idNumberMasked: subject.idNumberMasked,
    name: subject.name,
    kind: subject.kind,
    // a removal proposes no row: it keeps the person's ID number, sealed, for an unmasked export
    payloadCipher: subject.idNumberCipher,
    payloadHash: null,
    changes: [],
    removalReason: body.removalReason,
    removalNote: body.removalNote ?? null,
    reviewState: 'pending' as const,
    reviewComment: null,
    createdBy: actor.userId,
    updatedAt: c.now,
  };
  const [entry] = await tx
    .insert(rosterEntries)
    .values(values)
    .onConflictDoUpdate({
      target: [rosterEntries.roundId, rosterEntries.idNumberHash],
      set: values,
    })
    .returning({ id: rosterEntries.id });
  await audit(tx, actor, {
    action: 'roster.entry',
    entity: 'roster_entry',
    entityId: entry?.id,
    detail: { remove: body.removalReason, round: round.id, sequence: round.sequence },
  });
  return entry?.id as string;
}

/**
 * A visitor who found the person dead or moved away reports it with the visit, in its transaction:
 * the removal is proposed in the visitor's name into the street's round that takes changes (the
 * month's while it is compiled; while it is with the street, the next month's), for the community
 * to submit and the street to approve; the approval excuses what is due. This is the one change a
 * visitor, who compiles no round, may propose. A removal already proposed is left as it is.
 */
export async function reportRemoval(
  c: Pick<RosterContext, 'db' | 'actor' | 'now' | 'today' | 'month' | 'config'>,
  input: { subjectId: string; reason: 'death' | 'moved'; note: string | null },
): Promise<void> {
  const reporter = {
    ...c.actor,
    permissions: new Set([...c.actor.permissions, 'roster.compile' as const]),
  };
  const t = { ...c, actor: reporter };
  const subject = await activeSubjectRow(c, { id: input.subjectId, field: 'subjectId' });
  const street = streetOf(subject.divisionCode);
  const round = await openRound(t, street, c.month).catch((err: unknown) => {
    if (isAppError(err) && err.code === RosterError.round_closed)
      return openRound(t, street, nextMonth(c.month));
    throw err;
  });
  const [pending] = await c.db
    .select({ action: rosterEntries.action })
    .from(rosterEntries)
    .where(
      and(
        eq(rosterEntries.roundId, round.id),
        eq(rosterEntries.idNumberHash, subject.idNumberHash),
      ),
    );
  if (pending?.action === 'remove') return;
  await writeRemoval(t, {
    subjectId: subject.id,
    removalReason: input.reason,
    removalNote: input.note?.slice(0, 200) || undefined,
    month: round.month,
  });
}

/** Withdraws a change that is not approved yet (the round stays open for others). */
export async function withdrawEntry(c: RosterContext, ids: { id: string; entryId: string }) {
  const { actor } = c;
  await c.db.transaction(async (tx) => {
    assertAllowed(c, 'compile', await getRoundRow({ ...c, db: tx }, ids.id, { forUpdate: true }));
    const deleted = await tx
      .delete(rosterEntries)
      .where(
        and(
          eq(rosterEntries.id, ids.entryId),
          eq(rosterEntries.roundId, ids.id),
          scopeWhere(actor, { division: rosterEntries.divisionCode }),
        ),
      )
      .returning({ id: rosterEntries.id });
    if (deleted.length === 0) throw new AppError(RosterEntryError.not_found);
    await audit(tx, actor, {
      action: 'roster.entry',
      entity: 'roster_entry',
      entityId: ids.entryId,
      detail: { withdrawn: true },
    });
  });
  return { ok: true as const };
}

/** The communities (12 digits) whose changes a round holds. */
export async function communitiesOf(c: Pick<RosterContext, 'db'>, roundId: string) {
  const codes = await c.db
    .selectDistinct({ code: sql<string>`left(${rosterEntries.divisionCode}, 12)` })
    .from(rosterEntries)
    .where(inArray(rosterEntries.roundId, [roundId]));
  return codes.map((r) => r.code);
}
