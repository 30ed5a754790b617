import {
  allowedActions,
  defineLifecycle,
  outcome,
  refusal,
  type Refusal,
} from '../../platform/contract/lifecycle.ts';
import type { Permission } from '../../platform/contract/permissions.ts';
import { roundStatuses, type RoundAction } from './contract.ts';

/*
 * The monthly roster round's state machine (ADR 0004), pure. A round is compiled (open), handed to
 * the street (submitted), returned with comments (returned: compiled again) or approved, when its
 * changes reach the live roster. Before approval whoever submitted it, or the street, may take it
 * back (reopen). An approved round takes no more changes: they go into a correction round
 * (`correct`, ADR 0004), which runs the same machine.
 */

type Status = (typeof roundStatuses)[number];

/** Who asks: their user id and which of the roster's permissions they hold. */
export type RoundCaller = { userId: string; compiles: boolean; reviews: boolean };

/** The caller as the round's lifecycle sees them (from the request's actor). */
export const callerOf = (actor: {
  userId: string;
  permissions: ReadonlySet<Permission>;
}): RoundCaller => ({
  userId: actor.userId,
  compiles: actor.permissions.has('roster.compile'),
  reviews: actor.permissions.has('roster.review'),
});

/** What the machine reads of a round. */
export type RoundState = { status: Status; submittedBy: string | null };

/** The columns a transition writes besides the status. */
export type RoundSets = {
  submittedAt: Date | null;
  submittedBy: string | null;
  reopenedAt: Date;
  reopenedBy: string;
  reviewedAt: Date;
  reviewedBy: string;
  approvedAt: Date;
  approvedBy: string;
};

export const roundLifecycle = defineLifecycle<
  Status,
  RoundAction,
  RoundCaller,
  RoundState,
  Partial<RoundSets>
>({
  states: roundStatuses,
  transitions: {
    /** Upload, propose a removal, withdraw a change: while the round is compiled. */
    compile: { from: ['open', 'returned'], may: (who) => who.compiles },
    /** Hand the round to the street (it then takes nothing more until returned or reopened). */
    submit: {
      from: ['open', 'returned'],
      to: 'submitted',
      may: (who) => who.compiles,
      sets: (who, now) => ({ submittedAt: now, submittedBy: who.userId }),
    },
    /** Take the submission back before the street decides: the one who submitted, or the street. */
    reopen: {
      from: ['submitted'],
      to: 'open',
      may: (who, round) => who.reviews || (who.compiles && round.submittedBy === who.userId),
      sets: (who, now) => ({
        reopenedAt: now,
        reopenedBy: who.userId,
        submittedAt: null,
        submittedBy: null,
      }),
    },
    return: {
      from: ['submitted'],
      to: 'returned',
      may: (who) => who.reviews,
      sets: (who, now) => ({ reviewedAt: now, reviewedBy: who.userId }),
    },
    /** Approval has its own time and person; a return before it stays as it was. */
    approve: {
      from: ['submitted'],
      to: 'approved',
      may: (who) => who.reviews,
      sets: (who, now) => ({ approvedAt: now, approvedBy: who.userId }),
    },
    /** After approval, changes (a death, a move) go into a correction round, never lost. */
    correct: { from: ['approved'], may: (who) => who.compiles },
  },
});

export const roundRefusal = (
  action: RoundAction,
  who: RoundCaller,
  round: RoundState,
): Refusal | null => refusal(roundLifecycle, action, { who, subject: round });

export const roundActions = (who: RoundCaller, round: RoundState): RoundAction[] =>
  allowedActions(roundLifecycle, { who, subject: round });

export const roundOutcome = (
  action: RoundAction,
  on: { who: RoundCaller; round: RoundState; now: Date },
) => outcome(roundLifecycle, action, { who: on.who, subject: on.round, now: on.now });
