import { and, count, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { inScope, scopeWhere, type Actor } from '../../../platform/access/actor.ts';
import { audit } from '../../../platform/audit/audit.ts';
import { publishEvent } from '../../../platform/events/publish.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import {
  activeSubjectRow,
  applyRosterChange,
  enrolSubjects,
  findRosterSubjects,
  removeSubject,
} from '../../subjects/service.ts';
import {
  RosterEntryError,
  RosterError,
  RosterEventType,
  type RemoveSubjectBody,
} from '../contract.ts';
import { diffRow, mergeWithLive, toNewSubject } from '../changes.ts';
import { getEntryView, getRoundRow, getRoundView } from '../queries.ts';
import type { RosterRow } from '../rows.ts';
import { rosterEntries, rosterRounds } from '../tables.ts';
import type { RosterCtx } from './import-roster.ts';
import type { z } from 'zod';

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

/** Changes go into a round while it is compiled: not while the street reviews it, never once approved. */
export function assertOpen(round: { status: keyof typeof statusNames; month: string }) {
  if (round.status === 'approved' || round.status === 'submitted')
    throw new AppError(RosterError.round_closed, {
      params: { month: monthName(round.month), status: statusNames[round.status] },
      fields: [{ field: 'month', code: RosterError.round_closed }],
    });
}

/**
 * Refuses, before any row is checked or written, a month whose round of one of these streets no
 * longer takes changes (submitted or approved): a dry run answers as the import would.
 */
export async function assertRoundsOpen(db: Db, streets: string[], month: string) {
  if (streets.length === 0) return;
  const [closed] = await db
    .select({ status: rosterRounds.status, month: rosterRounds.month })
    .from(rosterRounds)
    .where(
      and(
        inArray(rosterRounds.divisionCode, streets),
        eq(rosterRounds.month, month),
        inArray(rosterRounds.status, ['submitted', 'approved']),
      ),
    )
    .orderBy(rosterRounds.divisionCode)
    .limit(1);
  if (closed) assertOpen(closed);
}

/** The round of a street and month that changes may still go into (made when missing). */
export async function openRound(tx: Db, street: string, month: string, now: Date) {
  await tx
    .insert(rosterRounds)
    .values({ divisionCode: street, month, createdAt: now, updatedAt: now })
    .onConflictDoNothing();
  const [round] = await tx
    .select()
    .from(rosterRounds)
    .where(and(eq(rosterRounds.divisionCode, street), eq(rosterRounds.month, month)))
    .for('update');
  if (!round) throw new Error('round vanished');
  assertOpen(round);
  return round;
}

/** Proposes taking a subject off the roster (death, moved away, refused …), effective on approval. */
export async function proposeRemoval(
  c: RosterCtx,
  actor: Actor,
  body: z.infer<typeof RemoveSubjectBody>,
) {
  const month = body.month ?? c.month;
  const id = await c.db.transaction(async (tx) => {
    const subject = await activeSubjectRow(tx, actor, body.subjectId, c.today, 'subjectId');
    const round = await openRound(tx, streetOf(subject.divisionCode), month, c.now);
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
      detail: { remove: body.removalReason },
    });
    return entry?.id as string;
  });
  return getEntryView(c, actor, id);
}

/** Withdraws a change that is not approved yet (the round stays open for others). */
export async function withdrawEntry(c: RosterCtx, actor: Actor, roundId: string, entryId: string) {
  await c.db.transaction(async (tx) => {
    assertOpen(await getRoundRow(tx, actor, roundId, true));
    const deleted = await tx
      .delete(rosterEntries)
      .where(
        and(
          eq(rosterEntries.id, entryId),
          eq(rosterEntries.roundId, roundId),
          scopeWhere(actor, { division: rosterEntries.divisionCode }),
        ),
      )
      .returning({ id: rosterEntries.id });
    if (deleted.length === 0) throw new AppError(RosterEntryError.not_found);
    await audit(tx, actor, {
      action: 'roster.entry',
      entity: 'roster_entry',
      entityId: entryId,
      detail: { withdrawn: true },
    });
  });
  return { ok: true as const };
}

/**
 * Tells the communities whose changes a round holds that the street approved or returned it (one
 * event per community, for those who compile its roster).
 */
async function tellCommunities(
  tx: Db,
  actor: Actor,
  round: { id: string; month: string },
  type: (typeof RosterEventType)['roster_round.approved' | 'roster_round.returned'],
) {
  const codes = await tx
    .selectDistinct({ code: sql<string>`left(${rosterEntries.divisionCode}, 12)` })
    .from(rosterEntries)
    .where(eq(rosterEntries.roundId, round.id));
  for (const { code } of codes)
    await publishEvent(tx, {
      type,
      divisionCode: code,
      permission: 'roster.compile',
      entity: 'roster_round',
      entityId: round.id,
      actorId: actor.userId,
      data: { month: round.month },
    });
}

async function returnedCount(tx: Db, roundId: string) {
  const [row] = await tx
    .select({ n: count() })
    .from(rosterEntries)
    .where(and(eq(rosterEntries.roundId, roundId), eq(rosterEntries.reviewState, 'returned')));
  return row?.n ?? 0;
}

/** Hands the round to the street for review; returned changes must be fixed or withdrawn first. */
export async function submitRound(c: RosterCtx, actor: Actor, id: string) {
  await c.db.transaction(async (tx) => {
    const round = await getRoundRow(tx, actor, id, true);
    if (round.status === 'approved' || round.status === 'submitted')
      throw new AppError(RosterError.round_state, {
        params: { status: statusNames[round.status] },
      });
    const [entries] = await tx
      .select({ n: count() })
      .from(rosterEntries)
      .where(eq(rosterEntries.roundId, id));
    if (!entries?.n) throw new AppError(RosterError.round_empty);
    const open = await returnedCount(tx, id);
    if (open > 0) throw new AppError(RosterError.returned_rows_open, { params: { count: open } });
    await tx
      .update(rosterRounds)
      .set({ status: 'submitted', submittedAt: c.now, submittedBy: actor.userId, updatedAt: c.now })
      .where(eq(rosterRounds.id, id));
    await audit(tx, actor, { action: 'roster.submit', entity: 'roster_round', entityId: id });
    await publishEvent(tx, {
      type: RosterEventType['roster_round.submitted'],
      divisionCode: round.divisionCode,
      permission: 'roster.review',
      entity: 'roster_round',
      entityId: id,
      actorId: actor.userId,
      data: { month: round.month },
    });
  });
  return getRoundView(c, actor, id);
}

/** The street returns the round with a comment on each change it does not accept. */
export async function returnRound(
  c: RosterCtx,
  actor: Actor,
  id: string,
  body: { comment?: string; comments: { entryId: string; comment: string }[] },
) {
  if (body.comments.length === 0 && !body.comment)
    throw new AppError(RosterError.return_needs_rows, {
      fields: [{ field: 'comments', code: RosterError.return_needs_rows }],
    });
  await c.db.transaction(async (tx) => {
    const round = await getRoundRow(tx, actor, id, true);
    if (round.status !== 'submitted')
      throw new AppError(RosterError.round_state, {
        params: { status: statusNames[round.status] },
      });
    for (const { entryId, comment } of body.comments) {
      const updated = await tx
        .update(rosterEntries)
        .set({ reviewState: 'returned', reviewComment: comment, updatedAt: c.now })
        .where(and(eq(rosterEntries.id, entryId), eq(rosterEntries.roundId, id)))
        .returning({ id: rosterEntries.id });
      if (updated.length === 0)
        throw new AppError(RosterEntryError.not_found, {
          fields: [{ field: 'comments', code: RosterEntryError.not_found }],
        });
    }
    await tx
      .update(rosterRounds)
      .set({
        status: 'returned',
        reviewedAt: c.now,
        reviewedBy: actor.userId,
        reviewComment: body.comment ?? null,
        updatedAt: c.now,
      })
      .where(eq(rosterRounds.id, id));
    await audit(tx, actor, {
      action: 'roster.return',
      entity: 'roster_round',
      entityId: id,
      detail: { rows: body.comments.length },
    });
    await tellCommunities(tx, actor, round, RosterEventType['roster_round.returned']);
  });
  return getRoundView(c, actor, id);
}

/** The street confirms: every change of the round reaches the live roster in one transaction. */
export async function approveRound(c: RosterCtx, actor: Actor, id: string) {
  await c.db.transaction(async (tx) => {
    const round = await getRoundRow(tx, actor, id, true);
    if (round.status !== 'submitted')
      throw new AppError(RosterError.round_state, {
        params: { status: statusNames[round.status] },
      });
    const entries = await tx.select().from(rosterEntries).where(eq(rosterEntries.roundId, id));
    const live = await findRosterSubjects(
      tx,
      c.sensitive,
      entries.map((e) => e.idNumberHash),
      c.today,
    );
    const adds: RosterRow[] = [];
    for (const entry of entries) {
      const person = live.get(entry.idNumberHash);
      if (entry.action === 'remove') {
        if (person)
          await removeSubject(
            tx,
            actor,
            person,
            entry.removalReason ?? 'other',
            entry.removalNote,
            c.now,
            c.today,
          );
        continue;
      }
      const row = JSON.parse(c.sensitive.decrypt(entry.payloadCipher as string)) as RosterRow;
      if (!person) adds.push(row);
      else if (inScope(actor, person.divisionCode)) {
        const merged = mergeWithLive(person, row);
        const fields = diffRow(person, merged).map((d) => d.field);
        if (fields.length > 0)
          await applyRosterChange(
            tx,
            c.sensitive,
            actor,
            person,
            toNewSubject(merged),
            fields,
            c.now,
            c.today,
          );
      }
    }
    await enrolSubjects(
      tx,
      c.sensitive,
      actor,
      adds.map((r) => toNewSubject(r)),
      c.now,
    );
    await tx
      .update(rosterRounds)
      .set({
        status: 'approved',
        // the return (reviewed_*) stays as it was: approval has its own time and person
        approvedAt: c.now,
        approvedBy: actor.userId,
        updatedAt: c.now,
      })
      .where(eq(rosterRounds.id, id));
    await audit(tx, actor, {
      action: 'roster.approve',
      entity: 'roster_round',
      entityId: id,
      detail: {
        month: round.month,
        street: round.divisionCode,
        entries: entries.length,
        added: adds.length,
      },
    });
    await tellCommunities(tx, actor, round, RosterEventType['roster_round.approved']);
  });
  return getRoundView(c, actor, id);
}
