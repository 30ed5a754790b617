import { describe, expect, it } from 'vitest';
import { roundActions as allActions, roundStatuses } from './contract.ts';
import {
  callerOf,
  roundActions,
  roundLifecycle,
  roundOutcome,
  roundRefusal,
  type RoundCaller,
} from './lifecycle.ts';
import { permissionsOf } from '../../platform/access/permissions.ts';

const community: RoundCaller = { userId: 'c1', compiles: true, reviews: false };
const otherCommunity: RoundCaller = { userId: 'c2', compiles: true, reviews: false };
const street: RoundCaller = { userId: 's1', compiles: true, reviews: true };
const reader: RoundCaller = { userId: 'r1', compiles: false, reviews: false };
const now = new Date('2026-11-20T02:00:00Z');

const round = (status: (typeof roundStatuses)[number], submittedBy: string | null = null) => ({
  status,
  submittedBy,
});

describe('the roster round’s lifecycle', () => {
  it('declares every action of the contract and only the contract’s states', () => {
    expect(Object.keys(roundLifecycle.transitions)).toEqual([...allActions]);
    for (const t of Object.values(roundLifecycle.transitions)) {
      for (const s of [...t.from, ...(t.to ? [t.to] : [])]) expect(roundStatuses).toContain(s);
    }
  });

  it('allows, per state, exactly these actions to each caller', () => {
    const table = Object.fromEntries(
      roundStatuses.map((s) => [
        s,
        {
          community: roundActions(community, round(s, s === 'submitted' ? 'c1' : null)),
          otherCommunity: roundActions(otherCommunity, round(s, s === 'submitted' ? 'c1' : null)),
          street: roundActions(street, round(s, s === 'submitted' ? 'c1' : null)),
          reader: roundActions(reader, round(s)),
        },
      ]),
    );
    expect(table).toEqual({
      open: {
        community: ['compile', 'submit'],
        otherCommunity: ['compile', 'submit'],
        street: ['compile', 'submit'],
        reader: [],
      },
      submitted: {
        // whoever submitted may take it back; another community may not; the street decides
        community: ['reopen'],
        otherCommunity: [],
        street: ['reopen', 'return', 'approve'],
        reader: [],
      },
      returned: {
        community: ['compile', 'submit'],
        otherCommunity: ['compile', 'submit'],
        street: ['compile', 'submit'],
        reader: [],
      },
      approved: {
        community: ['correct'],
        otherCommunity: ['correct'],
        street: ['correct'],
        reader: [],
      },
    });
  });

  it('says why an action is refused: the state, or who asks', () => {
    expect(roundRefusal('approve', street, round('open'))).toBe('state');
    expect(roundRefusal('compile', community, round('submitted', 'c1'))).toBe('state');
    expect(roundRefusal('reopen', otherCommunity, round('submitted', 'c1'))).toBe('who');
    expect(roundRefusal('approve', community, round('submitted', 'c1'))).toBe('who');
    expect(roundRefusal('reopen', street, round('approved', 'c1'))).toBe('state');
    expect(roundRefusal('submit', community, round('open'))).toBeNull();
  });

  it('leads each transition to its state and sets its time and person', () => {
    expect(roundOutcome('submit', { who: community, round: round('open'), now })).toEqual({
      status: 'submitted',
      submittedAt: now,
      submittedBy: 'c1',
    });
    expect(
      roundOutcome('reopen', { who: community, round: round('submitted', 'c1'), now }),
    ).toEqual({
      status: 'open',
      reopenedAt: now,
      reopenedBy: 'c1',
      submittedAt: null,
      submittedBy: null,
    });
    expect(roundOutcome('return', { who: street, round: round('submitted'), now })).toEqual({
      status: 'returned',
      reviewedAt: now,
      reviewedBy: 's1',
    });
    // approval has its own time and person: the return's stay as they were
    expect(roundOutcome('approve', { who: street, round: round('submitted'), now })).toEqual({
      status: 'approved',
      approvedAt: now,
      approvedBy: 's1',
    });
    expect(roundOutcome('compile', { who: community, round: round('returned'), now })).toEqual({
      status: 'returned',
    });
    expect(roundOutcome('correct', { who: community, round: round('approved'), now })).toEqual({
      status: 'approved',
    });
  });

  it('reads the caller from the permission catalogue', () => {
    const of = (role: Parameters<typeof permissionsOf>[0]) =>
      callerOf({ userId: 'u', permissions: new Set(permissionsOf(role)) });
    expect(of('community_worker')).toEqual({ userId: 'u', compiles: true, reviews: false });
    expect(of('street_officer')).toEqual({ userId: 'u', compiles: true, reviews: true });
    expect(of('district_officer')).toEqual({ userId: 'u', compiles: false, reviews: false });
  });
});
