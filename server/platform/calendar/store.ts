import type { Db } from '../../db/client.ts';
import { calendarDays, calendarYears } from './tables.ts';
import { makeCalendar, type WorkingCalendar } from './working-days.ts';

/**
 * The calendar as stored, cached per process and database: dropped on every edit (by the service)
 * and after five minutes, so that another process's edit shows soon.
 */
const CACHE_MS = 5 * 60_000;
const cache = new WeakMap<Db, { at: number; calendar: Promise<WorkingCalendar> }>();

/** The calendar as stored, read now (inside a transaction: what it sees). */
export async function readCalendar(db: Db): Promise<WorkingCalendar> {
  const years = await db.select({ year: calendarYears.year }).from(calendarYears);
  const days = await db
    .select({ date: calendarDays.date, kind: calendarDays.kind })
    .from(calendarDays);
  return makeCalendar(
    years.map((y) => y.year),
    days,
  );
}

/** The calendar, from the process's cache when fresh. */
export function loadCalendar(db: Db): Promise<WorkingCalendar> {
  const hit = cache.get(db);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.calendar;
  const calendar = readCalendar(db);
  cache.set(db, { at: Date.now(), calendar });
  calendar.catch(() => cache.delete(db));
  return calendar;
}

export function invalidateCalendar(db: Db): void {
  cache.delete(db);
}
