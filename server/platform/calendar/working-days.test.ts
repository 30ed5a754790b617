import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chineseDaysOf } from './chinese-days.ts';
import {
  addDays,
  addWorkingDays,
  countWorkingDays,
  isCalendarDate,
  makeCalendar,
  workingDayStatus,
  type DateResult,
} from './working-days.ts';

const cal = makeCalendar([2025, 2026], [...chineseDaysOf(2025), ...chineseDaysOf(2026)]);
const ok = (r: DateResult) => (r.status === 'ok' ? r.date : `waiting ${r.year}`);

/** Any day of 2025 and 2026. */
const dayOfSeededYears = fc.integer({ min: 0, max: 729 }).map((n) => addDays('2025-01-01', n));

describe('the official calendar of 2025 and 2026 (State Council notices, as chinese-days has them)', () => {
  it('2025 Spring Festival: 01-28..02-04 off, make-up working days 01-26 (Sun) and 02-08 (Sat)', () => {
    for (let d = '2025-01-28'; d <= '2025-02-04'; d = addDays(d, 1))
      expect(workingDayStatus(cal, d), d).toBe(false);
    expect(workingDayStatus(cal, '2025-01-26')).toBe(true);
    expect(workingDayStatus(cal, '2025-02-08')).toBe(true);
    expect(ok(addWorkingDays(cal, '2025-01-27', 1))).toBe('2025-02-05');
    expect(ok(addWorkingDays(cal, '2025-01-24', 1))).toBe('2025-01-26');
    expect(ok(addWorkingDays(cal, '2025-01-24', 2))).toBe('2025-01-27');
    expect(ok(addWorkingDays(cal, '2025-02-07', 1))).toBe('2025-02-08');
  });

  it('2025 National Day with Mid-Autumn: 10-01..10-08 off, make-up days 09-28 (Sun) and 10-11 (Sat)', () => {
    for (let d = '2025-10-01'; d <= '2025-10-08'; d = addDays(d, 1))
      expect(workingDayStatus(cal, d), d).toBe(false);
    expect(ok(addWorkingDays(cal, '2025-09-26', 1))).toBe('2025-09-28');
    expect(ok(addWorkingDays(cal, '2025-09-30', 1))).toBe('2025-10-09');
    expect(ok(addWorkingDays(cal, '2025-09-30', 3))).toBe('2025-10-11');
    expect(ok(addWorkingDays(cal, '2025-09-30', 5))).toBe('2025-10-14');
    expect(ok(addWorkingDays(cal, '2025-10-03', 1))).toBe('2025-10-09');
  });

  it('2026 Spring Festival: 02-15..02-23 off, make-up days 02-14 and 02-28 (Saturdays)', () => {
    for (let d = '2026-02-15'; d <= '2026-02-23'; d = addDays(d, 1))
      expect(workingDayStatus(cal, d), d).toBe(false);
    expect(ok(addWorkingDays(cal, '2026-02-13', 1))).toBe('2026-02-14');
    expect(ok(addWorkingDays(cal, '2026-02-14', 1))).toBe('2026-02-24');
    expect(ok(addWorkingDays(cal, '2026-02-14', 5))).toBe('2026-02-28');
  });

  it('2026 National Day: 10-01..10-07 off, make-up days 09-20 (Sun) and 10-10 (Sat)', () => {
    for (let d = '2026-10-01'; d <= '2026-10-07'; d = addDays(d, 1))
      expect(workingDayStatus(cal, d), d).toBe(false);
    expect(ok(addWorkingDays(cal, '2026-09-18', 1))).toBe('2026-09-20');
    expect(ok(addWorkingDays(cal, '2026-09-30', 1))).toBe('2026-10-08');
    expect(ok(addWorkingDays(cal, '2026-09-30', 3))).toBe('2026-10-10');
    expect(ok(addWorkingDays(cal, '2026-10-01', 5))).toBe('2026-10-13');
  });

  it('has exactly the make-up working days of the notices', () => {
    const workdays = [...cal.workdays].sort();
    expect(workdays).toEqual([
      '2025-01-26',
      '2025-02-08',
      '2025-04-27',
      '2025-09-28',
      '2025-10-11',
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
  });
});

describe('a year without data', () => {
  it('is refused, not guessed: counting into 2027 waits for that year', () => {
    expect(addWorkingDays(cal, '2026-12-30', 1)).toEqual({ status: 'ok', date: '2026-12-31' });
    expect(addWorkingDays(cal, '2026-12-30', 2)).toEqual({
      status: 'waiting_calendar',
      year: 2027,
    });
    expect(addWorkingDays(cal, '2027-03-01', 1)).toEqual({
      status: 'waiting_calendar',
      year: 2027,
    });
    expect(addWorkingDays(cal, '2024-12-31', 1)).toEqual({
      status: 'waiting_calendar',
      year: 2024,
    });
  });
});

describe('addWorkingDays, as properties over 2025 and 2026', () => {
  const days = fc.integer({ min: 1, max: 60 });

  it('lands on a working day after the start', () => {
    fc.assert(
      fc.property(dayOfSeededYears, days, (date, n) => {
        const r = addWorkingDays(cal, date, n);
        if (r.status !== 'ok') return true;
        return r.date > date && workingDayStatus(cal, r.date) === true;
      }),
    );
  });

  it('counts exactly N working days after the start', () => {
    fc.assert(
      fc.property(dayOfSeededYears, days, (date, n) => {
        const r = addWorkingDays(cal, date, n);
        if (r.status !== 'ok') return true;
        return countWorkingDays(cal, date, r.date) === n;
      }),
    );
  });

  it('is strictly increasing in the number of days, and monotonic in the start', () => {
    fc.assert(
      fc.property(dayOfSeededYears, dayOfSeededYears, days, (a, b, n) => {
        const r1 = addWorkingDays(cal, a, n);
        const r2 = addWorkingDays(cal, a, n + 1);
        if (r1.status === 'ok' && r2.status === 'ok' && !(r2.date > r1.date)) return false;
        const [early, late] = a <= b ? [a, b] : [b, a];
        const e = addWorkingDays(cal, early, n);
        const l = addWorkingDays(cal, late, n);
        return e.status !== 'ok' || l.status !== 'ok' || e.date <= l.date;
      }),
    );
  });

  it('waits whenever it reaches past the last year entered, never answering a 2027 date', () => {
    fc.assert(
      fc.property(dayOfSeededYears, fc.integer({ min: 1, max: 366 }), (date, n) => {
        const r = addWorkingDays(cal, date, n);
        return r.status === 'ok' ? r.date < '2027-01-01' : r.year === 2027;
      }),
    );
  });
});

describe('isCalendarDate', () => {
  it('accepts real dates only', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2025-02-29')).toBe(false);
    expect(isCalendarDate('2025-13-01')).toBe(false);
    expect(isCalendarDate('2025-1-01')).toBe(false);
  });
});
