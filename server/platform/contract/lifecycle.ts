/**
 * A module's state machine as pure data (`lifecycle.ts` of the module): its states, and for each
 * action the states it may start from, the state it leads to (none: the object stays where it is),
 * who may make it, and what it sets. Services ask `refusal` before they write, and answers carry
 * `allowedActions` for the caller, so that a client shows only what can work and never re-derives
 * the rules. Work orders and visits copy the shape; the roster round is the first.
 */

/** One action: from which states, to which (omitted: stays), who may, what it writes. */
export type Transition<S extends string, Who, Subject, Sets> = {
  from: readonly S[];
  to?: S;
  /** Whether this caller may make it on this object (a permission, their own submission …). */
  may: (who: Who, subject: Subject) => boolean;
  /** The columns the transition writes besides the state (times, who), from the caller and time. */
  sets?: (who: Who, now: Date) => Sets;
};

export type Lifecycle<
  S extends string,
  A extends string,
  Who,
  Subject extends { status: S },
  Sets = Record<string, unknown>,
> = {
  states: readonly S[];
  transitions: Record<A, Transition<S, Who, Subject, Sets>>;
};

/** Declares a lifecycle (identity; it keeps the literal types of states and actions). */
export function defineLifecycle<
  S extends string,
  A extends string,
  Who,
  Subject extends { status: S },
  Sets = Record<string, unknown>,
>(l: Lifecycle<S, A, Who, Subject, Sets>): Lifecycle<S, A, Who, Subject, Sets> {
  return l;
}

/** Why an action is refused: the object's state does not allow it, or this caller may not. */
export type Refusal = 'state' | 'who';

export function refusal<S extends string, A extends string, Who, Subject extends { status: S }>(
  l: Lifecycle<S, A, Who, Subject, unknown>,
  action: A,
  { who, subject }: { who: Who; subject: Subject },
): Refusal | null {
  const t = l.transitions[action];
  if (!t.from.includes(subject.status)) return 'state';
  if (!t.may(who, subject)) return 'who';
  return null;
}

/** The actions this caller may make on this object now, in the lifecycle's order. */
export function allowedActions<
  S extends string,
  A extends string,
  Who,
  Subject extends { status: S },
>(l: Lifecycle<S, A, Who, Subject, unknown>, on: { who: Who; subject: Subject }): A[] {
  return (Object.keys(l.transitions) as A[]).filter((a) => refusal(l, a, on) === null);
}

/** The state after an action and what it writes (the caller has checked `refusal` first). */
export function outcome<
  S extends string,
  A extends string,
  Who,
  Subject extends { status: S },
  Sets,
>(
  l: Lifecycle<S, A, Who, Subject, Sets>,
  action: A,
  { who, subject, now }: { who: Who; subject: Subject; now: Date },
): { status: S } & Partial<Sets> {
  const t = l.transitions[action];
  return { ...(t.sets?.(who, now) ?? {}), status: t.to ?? subject.status } as {
    status: S;
  } & Partial<Sets>;
}
