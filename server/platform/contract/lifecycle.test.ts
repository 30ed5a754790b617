import { describe, expect, it } from 'vitest';
import { allowedActions, defineLifecycle, outcome, refusal } from './lifecycle.ts';

/* The shape every module's lifecycle.ts copies, on a small work-order-like machine. */

type Who = { id: string; handles: boolean };
type Order = { status: 'new' | 'taken' | 'done'; takenBy: string | null };

const orders = defineLifecycle<'new' | 'taken' | 'done', 'take' | 'finish' | 'note', Who, Order>({
  states: ['new', 'taken', 'done'],
  transitions: {
    take: {
      from: ['new'],
      to: 'taken',
      may: (who) => who.handles,
      sets: (who, now) => ({ takenBy: who.id, takenAt: now }),
    },
    finish: { from: ['taken'], to: 'done', may: (who, o) => o.takenBy === who.id },
    note: { from: ['new', 'taken'], may: () => true },
  },
});
const ann: Who = { id: 'ann', handles: true };
const bob: Who = { id: 'bob', handles: false };
const now = new Date('2026-12-01T00:00:00Z');

describe('a lifecycle', () => {
  it('answers the actions a caller may make, in the declared order', () => {
    expect(allowedActions(orders, { who: ann, subject: { status: 'new', takenBy: null } })).toEqual(
      ['take', 'note'],
    );
    expect(
      allowedActions(orders, { who: bob, subject: { status: 'taken', takenBy: 'ann' } }),
    ).toEqual(['note']);
    expect(
      allowedActions(orders, { who: ann, subject: { status: 'done', takenBy: 'ann' } }),
    ).toEqual([]);
  });

  it('refuses by state before by caller', () => {
    expect(refusal(orders, 'finish', { who: bob, subject: { status: 'new', takenBy: null } })).toBe(
      'state',
    );
    expect(
      refusal(orders, 'finish', { who: bob, subject: { status: 'taken', takenBy: 'ann' } }),
    ).toBe('who');
    expect(
      refusal(orders, 'finish', { who: ann, subject: { status: 'taken', takenBy: 'ann' } }),
    ).toBeNull();
  });

  it('leads to the target state with what the transition sets; a step without a target stays', () => {
    const subject: Order = { status: 'new', takenBy: null };
    expect(outcome(orders, 'take', { who: ann, subject, now })).toEqual({
      status: 'taken',
      takenBy: 'ann',
      takenAt: now,
    });
    expect(outcome(orders, 'note', { who: bob, subject, now })).toEqual({ status: 'new' });
  });
});
