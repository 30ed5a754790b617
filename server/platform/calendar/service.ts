import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { audit, type AuditWho } from '../audit/audit.ts';
import { CalendarError, type CalendarDayKind } from '../contract/calendar.ts';
import { AppError } from '../http/app-error.ts';
import type { Clock } from '../http/context.ts';
import { shanghaiDate } from './dates.ts';
import { computeDeadline, type Deadline, type DeadlineInput } from './deadlines.ts';
import { releaseHeldDeadlines } from './held-deadlines.ts';
import { invalidateCalendar, loadCalendar, readCalendar } from './store.ts';
import { calendarDays, calendarYears } from './tables.ts';
import { addWorkingDays, isWeekend, yearOf } from './working-days.ts';

/**
 * The working-day calendar as a platform service: loads the years and their days from the
 * database (cached per process and database, dropped on every edit and after five minutes, so
 * that another process's edit shows soon), answers working-day questions, and lets an
 * administrator enter and edit years. Saving a year computes the deadlines held for it.
 */

export type CalendarEntry = { date: string; kind: CalendarDayKind; name: string };
/** Who saves a year (an Actor is one). */
export type CalendarEditor = AuditWho & { userId: string; username: string };
/** What an administrator's change of the calendar works with: the database, who, the time. */
export type CalendarEditing = { db: Db; actor: CalendarEditor; clock: Clock };
/** A year's official holidays and make-up working days, as an administrator enters them. */
export type CalendarYearInput = { year: number; entries: readonly CalendarEntry[] };

/**
 * The `days`-th working day counted from the day after `date`; refused (calendar.year_missing,
 * naming the field) when `date` or a day counted lies in a year without data.
 */
export async function addWorkingDaysOn(db: Db, date: string, days: number): Promise<string> {
  const result = addWorkingDays(await loadCalendar(db), date, days);
  if (result.status === 'ok') return result.date;
  const field = result.year === yearOf(date) ? 'date' : 'days';
  throw new AppError(CalendarError.year_missing, {
    params: {
      year: result.year,
      field:
        field === 'date'
          ? { 'zh-CN': '日期', 'en-US': 'Date' }
          : { 'zh-CN': '工作日天数', 'en-US': 'Working days' },
    },
    fields: [{ field, code: CalendarError.year_not_entered }],
  });
}

/** A deadline on the calendar in force: due, paused or waiting for a year (see deadlines.ts). */
export async function computeDeadlineOn(db: Db, input: DeadlineInput): Promise<Deadline> {
  return computeDeadline(await loadCalendar(db), input);
}

/**
 * The warning for administrators: from November on, next year without data; any time, this
 * year without data. null when both are entered.
 */
export function missingYearWarning(
  years: ReadonlySet<number>,
  now: Date,
): { year: number; kind: 'this_year' | 'next_year' } | null {
  const today = shanghaiDate(now);
  const year = yearOf(today);
  if (!years.has(year)) return { year, kind: 'this_year' };
  if (Number(today.slice(5, 7)) >= 11 && !years.has(year + 1))
    return { year: year + 1, kind: 'next_year' };
  return null;
}

/** Every year entered, with its counts, and the warning. */
export async function listCalendarYears(db: Db, now: Date) {
  const items = await db
    .select({
      year: calendarYears.year,
      source: calendarYears.source,
      updatedAt: calendarYears.updatedAt,
      updatedBy: calendarYears.updatedByName,
      holidays: sql<number>`(select count(*)::int from calendar_days d where d.year = calendar_years.year and d.kind = 'holiday')`,
      workdays: sql<number>`(select count(*)::int from calendar_days d where d.year = calendar_years.year and d.kind = 'workday')`,
    })
    .from(calendarYears)
    .orderBy(asc(calendarYears.year));
  const warning = missingYearWarning(new Set(items.map((i) => i.year)), now);
  return {
    items: items.map((i) => ({ ...i, updatedAt: i.updatedAt.toISOString() })),
    warning,
  };
}

/** One year's holidays and make-up working days, in date order. */
export async function getCalendarYear(db: Db, year: number) {
  const [row] = await db.select().from(calendarYears).where(eq(calendarYears.year, year));
  if (!row) throw new AppError(CalendarError.year_not_found, { params: { year } });
  const days = await db
    .select({ date: calendarDays.date, kind: calendarDays.kind, name: calendarDays.name })
    .from(calendarDays)
    .where(eq(calendarDays.year, year))
    .orderBy(asc(calendarDays.date));
  return {
    year,
    source: row.source,
    updatedAt: row.updatedAt.toISOString(),
    updatedBy: row.updatedByName,
    entries: days,
  };
}

/** A year's entries are in the year, each day once, make-up days on weekends, some holidays. */
function checkEntries(year: number, entries: readonly CalendarEntry[]): void {
  const seen = new Set<string>();
  entries.forEach((e, i) => {
    const field = [{ field: `entries.${i}.date`, code: '' }];
    if (yearOf(e.date) !== year)
      throw new AppError(CalendarError.day_outside_year, {
        params: { date: e.date, year },
        fields: field.map((f) => ({ ...f, code: CalendarError.day_outside_year })),
      });
    if (seen.has(e.date))
      throw new AppError(CalendarError.day_repeated, {
        params: { date: e.date },
        fields: field.map((f) => ({ ...f, code: CalendarError.day_repeated })),
      });
    seen.add(e.date);
    if (e.kind === 'workday' && !isWeekend(e.date))
      throw new AppError(CalendarError.workday_not_weekend, {
        params: { date: e.date },
        fields: field.map((f) => ({ ...f, code: CalendarError.workday_not_weekend })),
      });
  });
  if (!entries.some((e) => e.kind === 'holiday'))
    throw new AppError(CalendarError.no_holidays, {
      fields: [{ field: 'entries', code: CalendarError.no_holidays }],
    });
}

/**
 * Enters a year (create) or replaces its days (update), audited in the same transaction; then
 * computes the deadlines that were waiting for it and drops the cached calendar.
 */
async function saveYear(
  { db, actor, clock }: CalendarEditing,
  { year, entries }: CalendarYearInput,
  mode: 'create' | 'update',
) {
  const now = clock.now();
  checkEntries(year, entries);
  const released = await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(727301)`);
    const [existing] = await tx
      .select({ year: calendarYears.year })
      .from(calendarYears)
      .where(eq(calendarYears.year, year));
    if (mode === 'create' && existing)
      throw new AppError(CalendarError.year_exists, {
        params: { year },
        fields: [{ field: 'year', code: CalendarError.year_exists }],
      });
    if (mode === 'update' && !existing)
      throw new AppError(CalendarError.year_not_found, { params: { year } });
    const before = mode === 'update' ? (await getCalendarYear(tx, year)).entries : [];
    const who = { updatedAt: now, updatedBy: actor.userId, updatedByName: actor.username };
    if (mode === 'create') await tx.insert(calendarYears).values({ year, source: 'admin', ...who });
    else
      await tx
        .update(calendarYears)
        .set({ source: 'admin', ...who })
        .where(eq(calendarYears.year, year));
    await tx.delete(calendarDays).where(eq(calendarDays.year, year));
    if (entries.length > 0)
      await tx.insert(calendarDays).values(entries.map((e) => ({ ...e, year })));
    const key = (e: CalendarEntry) => `${e.date} ${e.kind} ${e.name}`;
    const after = new Set(entries.map(key));
    const was = new Set(before.map(key));
    await audit(tx, actor, {
      action: mode === 'create' ? 'calendar.year_create' : 'calendar.year_update',
      entity: 'calendar_year',
      entityId: String(year),
      detail: {
        year,
        holidays: entries.filter((e) => e.kind === 'holiday').length,
        workdays: entries.filter((e) => e.kind === 'workday').length,
        added: [...after].filter((k) => !was.has(k)),
        removed: [...was].filter((k) => !after.has(k)),
      },
    });
    return releaseHeldDeadlines(tx, await readCalendar(tx), now);
  });
  invalidateCalendar(db);
  return { ...(await getCalendarYear(db, year)), releasedDeadlines: released };
}

export function createCalendarYear(ctx: CalendarEditing, input: CalendarYearInput) {
  return saveYear(ctx, input, 'create');
}

export function replaceCalendarYear(ctx: CalendarEditing, input: CalendarYearInput) {
  return saveYear(ctx, input, 'update');
}

export { invalidateCalendar, loadCalendar } from './store.ts';
export {
  deadlineOrHold,
  heldDeadlineOf,
  onHeldDeadlineResolved,
  type HeldDeadlineResolved,
} from './held-deadlines.ts';
