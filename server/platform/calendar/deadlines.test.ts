import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chineseDaysOf } from './chinese-days.ts';
import {
  clockState,
  computeDeadline,
  shanghaiDay,
  type ClockSpec,
  type Deadline,
  type WorkingHours,
} from './deadlines.ts';
import { addWorkingDays, makeCalendar, workingDayStatus } from './working-days.ts';

const cal = makeCalendar([2025, 2026], [...chineseDaysOf(2025), ...chineseDaysOf(2026)]);
const HOUR = 3_600_000;
const at = (s: string) => new Date(`${s}+08:00`);
const due = (d: Deadline) => (d.status === 'due' ? d.dueAt.getTime() : Number.NaN);
const OFFICE: WorkingHours = { start: '08:30', end: '17:30' };

describe('computeDeadline', () => {
  it('natural hours: 24 h later, whatever the day (a complaint answered within 24 h)', () => {
    const d = computeDeadline(cal, {
      start: at('2026-09-30T10:00:00'),
      clock: { unit: 'natural_hours', amount: 24 },
    });
    expect(d).toEqual({ status: 'due', dueAt: at('2026-10-01T10:00:00') });
  });

  it('working days: the end of the 5th working day after the start (National Day 2026)', () => {
    const d = computeDeadline(cal, {
      start: at('2026-09-30T10:00:00'),
      clock: { unit: 'working_days', amount: 5 },
    });
    // 10-08, 10-09, 10-10 (make-up Saturday), 10-12, 10-13
    expect(d).toEqual({ status: 'due', dueAt: at('2026-10-14T00:00:00') });
  });

  it('working days with working hours: 17:30 of that day', () => {
    const d = computeDeadline(cal, {
      start: at('2025-01-27T16:00:00'),
      clock: { unit: 'working_days', amount: 1 },
      workingHours: OFFICE,
    });
    expect(d).toEqual({ status: 'due', dueAt: at('2025-02-05T17:30:00') });
  });

  it('working hours: 4 working hours from Friday 15:30 end Monday 10:30 (08:30–17:30)', () => {
    const d = computeDeadline(cal, {
      start: at('2026-03-13T15:30:00'),
      clock: { unit: 'working_hours', amount: 4 },
      workingHours: OFFICE,
    });
    expect(d).toEqual({ status: 'due', dueAt: at('2026-03-16T10:30:00') });
  });

  it('a pause moves the end by the clock time it covers', () => {
    const d = computeDeadline(cal, {
      start: at('2026-03-02T09:00:00'),
      clock: { unit: 'natural_hours', amount: 24 },
      pauses: [{ from: at('2026-03-02T12:00:00'), to: at('2026-03-02T15:00:00') }],
    });
    expect(d).toEqual({ status: 'due', dueAt: at('2026-03-03T12:00:00') });
  });

  it('an open pause stops the clock: the end is unknown, the time left is kept', () => {
    const d = computeDeadline(cal, {
      start: at('2026-03-02T09:00:00'),
      clock: { unit: 'natural_hours', amount: 24 },
      pauses: [{ from: at('2026-03-02T19:00:00'), to: null }],
    });
    expect(d).toEqual({ status: 'paused', remainingMs: 14 * HOUR });
  });

  it('waits for the calendar when the clock runs into a year without data', () => {
    const d = computeDeadline(cal, {
      start: at('2026-12-28T10:00:00'),
      clock: { unit: 'working_days', amount: 5 },
    });
    expect(d).toEqual({ status: 'waiting_calendar', year: 2027 });
    const natural = computeDeadline(cal, {
      start: at('2026-12-31T10:00:00'),
      clock: { unit: 'natural_hours', amount: 48 },
    });
    expect(natural.status).toBe('due');
  });
});

describe('clockState', () => {
  const input = { start: at('2026-03-02T09:00:00'), clock: { unit: 'natural_hours', amount: 10 } };
  it('warns at 50 % and 75 % and breaches at the end', () => {
    const state = (s: string) => clockState(cal, input as never, at(s));
    expect(state('2026-03-02T13:00:00')).toMatchObject({ status: 'running', fraction: 0.4 });
    expect(state('2026-03-02T14:00:00')).toMatchObject({
      status: 'warning',
      warningsReached: [0.5],
    });
    expect(state('2026-03-02T16:30:00')).toMatchObject({ warningsReached: [0.5, 0.75] });
    expect(state('2026-03-02T19:00:00')).toMatchObject({ status: 'breached', fraction: 1 });
  });

  it('counts only working time of a working-day clock, and shows a pause', () => {
    const wd = {
      start: at('2026-02-13T10:00:00'),
      clock: { unit: 'working_days', amount: 2 } as ClockSpec,
    };
    // 02-14 (make-up Saturday) is the first working day, the festival follows
    expect(clockState(cal, wd, at('2026-02-15T00:00:00'))).toMatchObject({ fraction: 0.5 });
    expect(clockState(cal, wd, at('2026-02-20T12:00:00'))).toMatchObject({ fraction: 0.5 });
    const paused = { ...wd, pauses: [{ from: at('2026-02-14T12:00:00'), to: null }] };
    expect(clockState(cal, paused, at('2026-02-14T18:00:00'))).toMatchObject({
      status: 'paused',
      fraction: 0.25,
      dueAt: null,
    });
  });
});

/** Instants in 2025–2026, on the minute. */
const instant = fc
  .integer({ min: 0, max: 700 * 24 * 60 })
  .map((m) => new Date(at('2025-01-01T00:00:00').getTime() + m * 60_000));
const clock: fc.Arbitrary<ClockSpec> = fc.oneof(
  fc.integer({ min: 1, max: 200 }).map((amount) => ({ unit: 'natural_hours' as const, amount })),
  fc.integer({ min: 1, max: 60 }).map((amount) => ({ unit: 'working_hours' as const, amount })),
  fc.integer({ min: 1, max: 20 }).map((amount) => ({ unit: 'working_days' as const, amount })),
);
const hours = fc.constantFrom<WorkingHours | null>(null, OFFICE, { start: '09:00', end: '12:00' });
const pause: fc.Arbitrary<{ from: Date; to: Date }> = fc
  .tuple(fc.integer({ min: 0, max: 60 * 24 * 30 }), fc.integer({ min: 1, max: 60 * 24 * 5 }))
  .map(([offset, length]) => ({
    from: new Date(at('2025-01-01T00:00:00').getTime() + offset * 60_000),
    to: new Date(at('2025-01-01T00:00:00').getTime() + (offset + length) * 60_000),
  }));

describe('deadline properties', () => {
  it('a pause never shortens a deadline', () => {
    fc.assert(
      fc.property(instant, clock, hours, fc.array(pause, { maxLength: 4 }), (start, c, wh, ps) => {
        const pauses = ps.map((p) => ({
          from: new Date(start.getTime() + (p.from.getTime() % (30 * 24 * HOUR))),
          to: new Date(start.getTime() + (p.to.getTime() % (30 * 24 * HOUR)) + HOUR),
        }));
        const plain = computeDeadline(cal, { start, clock: c, workingHours: wh });
        const paused = computeDeadline(cal, { start, clock: c, workingHours: wh, pauses });
        if (plain.status !== 'due' || paused.status !== 'due') return true;
        return due(paused) >= due(plain);
      }),
    );
  });

  it('more clock time never ends earlier', () => {
    fc.assert(
      fc.property(instant, clock, hours, (start, c, wh) => {
        const a = computeDeadline(cal, { start, clock: c, workingHours: wh });
        const b = computeDeadline(cal, {
          start,
          clock: { ...c, amount: c.amount + 1 },
          workingHours: wh,
        });
        if (a.status !== 'due' || b.status !== 'due') return true;
        return due(b) > due(a);
      }),
    );
  });

  it('a working clock ends inside a working day (its working hours when configured)', () => {
    fc.assert(
      fc.property(instant, clock, hours, (start, c, wh) => {
        if (c.unit === 'natural_hours') return true;
        const d = computeDeadline(cal, { start, clock: c, workingHours: wh });
        if (d.status !== 'due') return true;
        const lastMoment = d.dueAt.getTime() - 1;
        if (workingDayStatus(cal, shanghaiDay(lastMoment)) !== true) return false;
        if (!wh) return true;
        const hhmm = new Intl.DateTimeFormat('en-GB', {
          timeZone: 'Asia/Shanghai',
          hour: '2-digit',
          minute: '2-digit',
          hourCycle: 'h23',
        }).format(d.dueAt);
        return hhmm > wh.start && hhmm <= wh.end;
      }),
    );
  });

  it('N working days end when addWorkingDays says, at midnight after that day', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 30 }), (start, n) => {
        const d = computeDeadline(cal, { start, clock: { unit: 'working_days', amount: n } });
        const day = addWorkingDays(cal, shanghaiDay(start.getTime()), n);
        if (day.status !== 'ok') return d.status === 'waiting_calendar';
        return d.status === 'due' && shanghaiDay(d.dueAt.getTime() - 1) === day.date;
      }),
    );
  });

  it('the fraction used only grows with time, and reaches 1 exactly at the deadline', () => {
    fc.assert(
      fc.property(instant, clock, fc.nat(40 * 24 * 60), fc.nat(40 * 24 * 60), (start, c, x, y) => {
        const input = { start, clock: c };
        const [m1, m2] = x <= y ? [x, y] : [y, x];
        const s1 = clockState(cal, input, new Date(start.getTime() + m1 * 60_000));
        const s2 = clockState(cal, input, new Date(start.getTime() + m2 * 60_000));
        if (s1.status === 'waiting_calendar' || s2.status === 'waiting_calendar') return true;
        if (s1.fraction > s2.fraction) return false;
        const d = computeDeadline(cal, input);
        if (d.status !== 'due') return true;
        const end = clockState(cal, input, d.dueAt);
        const before = clockState(cal, input, new Date(d.dueAt.getTime() - 60_000));
        return (
          end.status === 'breached' &&
          end.fraction === 1 &&
          before.status !== 'waiting_calendar' &&
          before.status !== 'breached' &&
          before.fraction < 1
        );
      }),
    );
  });
});
