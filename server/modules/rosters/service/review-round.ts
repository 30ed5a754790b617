import { and, count, eq } from 'drizzle-orm';
import { inScope } from '../../../platform/access/actor.ts';
import { audit } from '../../../platform/audit/audit.ts';
import { publishEvent } from '../../../platform/events/publish.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import {
  applyRosterChange,
  enrolSubjects,
  findRosterSubjects,
  removeSubject,
  subjectsChanged,
} from '../../subjects/service.ts';
import { diffRow, mergeWithLive, toNewSubject } from '../changes.ts';
import type { RosterContext } from '../context.ts';
import { RosterEntryError, RosterError, RosterEventType, type RoundAction } from '../contract.ts';
import { callerOf, roundOutcome } from '../lifecycle.ts';
import { getRoundRow, getRoundView } from '../queries.ts';
import type { RosterRow } from '../rows.ts';
import { rosterEntries, rosterRounds } from '../tables.ts';
import { assertAllowed, communitiesOf } from './rounds.ts';

/*
 * The round's transitions (lifecycle.ts): submit, reopen, return, approve. Each locks the round,
 * asks the lifecycle, checks what the transition itself needs, writes what the lifecycle says it
 * sets, audits and publishes its event, all in one transaction.
 */

type Round = Awaited<ReturnType<typeof getRoundRow>>;

async function transition(
  c: RosterContext,
  step: {
    id: string;
    action: RoundAction;
    /** Checks and writes of the transition itself, before the round changes state. */
    run: (t: RosterContext, round: Round) => Promise<void>;
  },
) {
  await c.db.transaction(async (tx) => {
    const t = { ...c, db: tx };
    const round = await getRoundRow(t, step.id, { forUpdate: true });
    assertAllowed(t, step.action, round);
    await step.run(t, round);
    await tx
      .update(rosterRounds)
      .set({
        ...roundOutcome(step.action, { who: callerOf(c.actor), round, now: c.now }),
        updatedAt: c.now,
      })
      .where(eq(rosterRounds.id, round.id));
  });
  return getRoundView(c, step.id);
}

/** Tells the communities whose changes a round holds what the street did (one event each). */
async function tellCommunities(
  t: RosterContext,
  round: Round,
  type: (typeof RosterEventType)[
    'roster_round.approved' | 'roster_round.returned' | 'roster_round.reopened'],
) {
  for (const code of await communitiesOf(t, round.id))
    await publishEvent(t.db, {
      type,
      divisionCode: code,
      permission: 'roster.compile',
      entity: 'roster_round',
      entityId: round.id,
      actorId: t.actor.userId,
      data: { month: round.month },
    });
}

async function entryCount(t: RosterContext, roundId: string, returnedOnly: boolean) {
  const [row] = await t.db
    .select({ n: count() })
    .from(rosterEntries)
    .where(
      and(
        eq(rosterEntries.roundId, roundId),
        returnedOnly ? eq(rosterEntries.reviewState, 'returned') : undefined,
      ),
    );
  return row?.n ?? 0;
}

/** Hands the round to the street for review; returned changes must be fixed or withdrawn first. */
export function submitRound(c: RosterContext, input: { id: string }) {
  return transition(c, {
    id: input.id,
    action: 'submit',
    run: async (t, round) => {
      if ((await entryCount(t, round.id, false)) === 0) throw new AppError(RosterError.round_empty);
      const open = await entryCount(t, round.id, true);
      if (open > 0) throw new AppError(RosterError.returned_rows_open, { params: { count: open } });
      await audit(t.db, t.actor, {
        action: 'roster.submit',
        entity: 'roster_round',
        entityId: round.id,
      });
      await publishEvent(t.db, {
        type: RosterEventType['roster_round.submitted'],
        divisionCode: round.divisionCode,
        permission: 'roster.review',
        entity: 'roster_round',
        entityId: round.id,
        actorId: t.actor.userId,
        data: { month: round.month },
      });
    },
  });
}

/**
 * Takes a submission back before the street decides (whoever submitted it, or the street): the
 * round is compiled again; the street's reviewers and the communities with changes are told.
 */
export function reopenRound(c: RosterContext, input: { id: string }) {
  return transition(c, {
    id: input.id,
    action: 'reopen',
    run: async (t, round) => {
      await audit(t.db, t.actor, {
        action: 'roster.reopen',
        entity: 'roster_round',
        entityId: round.id,
        detail: { month: round.month, submittedBy: round.submittedBy },
      });
      await publishEvent(t.db, {
        type: RosterEventType['roster_round.reopened'],
        divisionCode: round.divisionCode,
        permission: 'roster.review',
        entity: 'roster_round',
        entityId: round.id,
        actorId: t.actor.userId,
        data: { month: round.month },
      });
      await tellCommunities(t, round, RosterEventType['roster_round.reopened']);
    },
  });
}

/** The street returns the round with a comment on each change it does not accept. */
export function returnRound(
  c: RosterContext,
  input: { id: string; comment?: string; comments: { entryId: string; comment: string }[] },
) {
  if (input.comments.length === 0 && !input.comment)
    throw new AppError(RosterError.return_needs_rows, {
      fields: [{ field: 'comments', code: RosterError.return_needs_rows }],
    });
  return transition(c, {
    id: input.id,
    action: 'return',
    run: async (t, round) => {
      for (const { entryId, comment } of input.comments) {
        const updated = await t.db
          .update(rosterEntries)
          .set({ reviewState: 'returned', reviewComment: comment, updatedAt: t.now })
          .where(and(eq(rosterEntries.id, entryId), eq(rosterEntries.roundId, round.id)))
          .returning({ id: rosterEntries.id });
        if (updated.length === 0)
          throw new AppError(RosterEntryError.not_found, {
            fields: [{ field: 'comments', code: RosterEntryError.not_found }],
          });
      }
      await t.db
        .update(rosterRounds)
        .set({ reviewComment: input.comment ?? null })
        .where(eq(rosterRounds.id, round.id));
      await audit(t.db, t.actor, {
        action: 'roster.return',
        entity: 'roster_round',
        entityId: round.id,
        detail: { rows: input.comments.length },
      });
      await tellCommunities(t, round, RosterEventType['roster_round.returned']);
    },
  });
}

/** The street confirms: every change of the round reaches the live roster in one transaction. */
export function approveRound(c: RosterContext, input: { id: string }) {
  return transition(c, {
    id: input.id,
    action: 'approve',
    run: async (t, round) => {
      const { db: tx, actor, sensitive } = t;
      const entries = await tx
        .select()
        .from(rosterEntries)
        .where(eq(rosterEntries.roundId, round.id));
      const live = await findRosterSubjects(
        t,
        entries.map((e) => e.idNumberHash),
      );
      const adds: RosterRow[] = [];
      const changed: string[] = [];
      const toSpecial: string[] = [];
      const familyChanged: string[] = [];
      for (const entry of entries) {
        const person = live.get(entry.idNumberHash);
        if (entry.action === 'remove') {
          if (person) changed.push(person.id);
          if (person)
            await removeSubject(t, {
              subject: person,
              reason: entry.removalReason ?? 'other',
              note: entry.removalNote,
            });
          continue;
        }
        const row = JSON.parse(sensitive.decrypt(entry.payloadCipher as string)) as RosterRow;
        if (!person) adds.push(row);
        else if (inScope(actor, person.divisionCode)) {
          const merged = mergeWithLive(person, row);
          const fields = diffRow(person, merged).map((d) => d.field);
          if (fields.length > 0) {
            const next = toNewSubject(merged);
            await applyRosterChange(t, { before: person, next, changedFields: fields });
            changed.push(person.id);
            if (next.careLevel === 'special' && person.careLevel !== 'special')
              toSpecial.push(person.id);
            if (fields.some((f) => f === 'categories' || f === 'emergencyContact'))
              familyChanged.push(person.id);
          }
        }
      }
      const enrolled = await enrolSubjects(
        t,
        adds.map((r) => toNewSubject(r)),
      );
      // once for the whole round: the modules above (visits) bring what they keep up to date
      await subjectsChanged(tx, {
        subjectIds: [...changed, ...enrolled],
        at: t.now,
        toSpecial,
        familyChanged,
      });
      await audit(tx, actor, {
        action: 'roster.approve',
        entity: 'roster_round',
        entityId: round.id,
        detail: {
          month: round.month,
          sequence: round.sequence,
          street: round.divisionCode,
          entries: entries.length,
          added: adds.length,
        },
      });
      await tellCommunities(t, round, RosterEventType['roster_round.approved']);
    },
  });
}
