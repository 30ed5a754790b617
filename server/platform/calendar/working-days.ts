/**
 * Working days of the official calendar, as pure functions: the calendar data is an argument (the
 * platform service loads it from the database), so these know nothing of where it comes from.
 *
 * A day is a working day when it is Monday to Friday and not an official holiday, or when it is a
 * make-up working day (调休上班, a Saturday or Sunday worked in exchange for a holiday). A year the
 * calendar has no data for is never guessed: the answer is "waiting for the calendar" with that year.
 */

/** What the calendar knows: the years entered, and their holidays and make-up working days. */
export type WorkingCalendar = {
  years: ReadonlySet<number>;
  /** `YYYY-MM-DD` of official holidays (a weekend inside a holiday period may be listed too). */
  holidays: ReadonlySet<string>;
  /** `YYYY-MM-DD` of make-up working days. */
  workdays: ReadonlySet<string>;
};

/** A year without data stops the computation: it waits until an administrator enters the year. */
export type WaitingCalendar = { status: 'waiting_calendar'; year: number };

export type DateResult = { status: 'ok'; date: string } | WaitingCalendar;

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` is a real calendar date. */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const ms = Date.parse(`${value}T00:00:00Z`);
  return Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 10) === value;
}

/** Days since 1970-01-01 of a `YYYY-MM-DD`. */
export function dayNumber(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

/** The `YYYY-MM-DD` of a day number. */
export function dateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** `date` plus `n` calendar days. */
export function addDays(date: string, n: number): string {
  return dateOfDay(dayNumber(date) + n);
}

export const yearOf = (date: string): number => Number(date.slice(0, 4));

/** 0 Sunday … 6 Saturday. */
export function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

export const isWeekend = (date: string): boolean => {
  const d = weekday(date);
  return d === 0 || d === 6;
};

/** Whether `date` is a working day, or the year the calendar lacks to say. */
export function workingDayStatus(cal: WorkingCalendar, date: string): boolean | WaitingCalendar {
  const year = yearOf(date);
  if (!cal.years.has(year)) return { status: 'waiting_calendar', year };
  if (cal.workdays.has(date)) return true;
  if (cal.holidays.has(date)) return false;
  return !isWeekend(date);
}

/**
 * The `days`-th working day counted from the day after `date` (whatever `date` is: a holiday, a
 * weekend or a working day). Waits when `date`, or any day counted, lies in a year without data.
 */
export function addWorkingDays(cal: WorkingCalendar, date: string, days: number): DateResult {
  if (!Number.isInteger(days) || days < 1) throw new RangeError('days must be a positive integer');
  const startYear = yearOf(date);
  if (!cal.years.has(startYear)) return { status: 'waiting_calendar', year: startYear };
  let day = dayNumber(date);
  let left = days;
  for (;;) {
    day += 1;
    const current = dateOfDay(day);
    const working = workingDayStatus(cal, current);
    if (typeof working === 'object') return working;
    if (working && --left === 0) return { status: 'ok', date: current };
  }
}

/** Working days in `(from, to]`: those after `from` up to and including `to`. */
export function countWorkingDays(
  cal: WorkingCalendar,
  from: string,
  to: string,
): number | WaitingCalendar {
  let count = 0;
  for (let day = dayNumber(from) + 1; day <= dayNumber(to); day++) {
    const working = workingDayStatus(cal, dateOfDay(day));
    if (typeof working === 'object') return working;
    if (working) count++;
  }
  return count;
}

/** A calendar from lists of days (tests, and the service's cache). */
export function makeCalendar(
  years: Iterable<number>,
  days: Iterable<{ date: string; kind: 'holiday' | 'workday' }>,
): WorkingCalendar {
  const holidays = new Set<string>();
  const workdays = new Set<string>();
  for (const d of days) (d.kind === 'holiday' ? holidays : workdays).add(d.date);
  return { years: new Set(years), holidays, workdays };
}
