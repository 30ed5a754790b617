import { sql } from 'drizzle-orm';
import { rows, type Db } from '../../../db/client.ts';
import { shanghaiDate } from '../../../platform/calendar/dates.ts';
import { loadCalendar } from '../../../platform/calendar/service.ts';
import { addWorkingDays, type WorkingCalendar } from '../../../platform/calendar/working-days.ts';
import { publishEvent } from '../../../platform/events/publish.ts';
import { escalationLevels, type VisitPolicyRules } from '../contract.ts';
import { closeWindows, policyOn, refreshDues } from '../dues.ts';

/** The division an escalation to `level` is announced in: the row's community, street or district. */
const divisionAt = (code: string, level: number) =>
  level === 1
    ? code.slice(0, 12)
    : level === 2
      ? `${code.slice(0, 9)}000`
      : `${code.slice(0, 6)}000000`;

/**
 * How far a visit overdue since `day` has climbed by `today` (0 not yet, 1 the community, 2 the
 * street, 3 the district): each level once its delay in working days since `day` has passed, a
 * day in a year the calendar lacks holding the climb.
 */
export function escalationLevelOn(
  calendar: WorkingCalendar,
  delays: VisitPolicyRules['escalation'],
  day: string,
  today: string,
): number {
  let level = 0;
  for (const [i, delay] of [delays.community, delays.street, delays.district].entries()) {
    const reached =
      delay === 0 ? { status: 'ok' as const, date: day } : addWorkingDays(calendar, day, delay);
    if (reached.status !== 'ok' || reached.date > today) break;
    level = i + 1;
  }
  return level;
}

/**
 * The job of every quarter hour: windows that ended unmet become overdue, and overdue visits
 * climb to the community, the street and the district once the policy's working days since they
 * became overdue have passed (counted on the working-day calendar; a day in a year not yet entered holds the climb
 * until an administrator enters it). Each level's division is told once per run, with the count.
 */
export async function escalateOverdue(db: Db, now: Date) {
  return db.transaction(async (tx) => {
    const closed = await closeWindows(tx, now);
    const today = shanghaiDate(now);
    const { rules } = await policyOn(tx, today);
    const calendar = await loadCalendar(tx);
    const days = await rows<{ day: string }>(
      tx,
      sql`select distinct to_char(window_end at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as day
        from visit_dues where status = 'overdue' and escalation < 3`,
    );
    const told = new Map<string, { level: number; divisionCode: string; count: number }>();
    for (const { day } of days) {
      const level = escalationLevelOn(calendar, rules.escalation, day, today);
      if (level === 0) continue;
      const climbed = await rows<{ division_code: string; escalation: number }>(
        tx,
        sql`update visit_dues set escalation = ${level}, escalated_at = ${now}::timestamptz,
            updated_at = ${now}::timestamptz
          where status = 'overdue' and escalation < ${level}
            and to_char(window_end at time zone 'Asia/Shanghai', 'YYYY-MM-DD') = ${day}
          returning division_code, escalation`,
      );
      for (const row of climbed) {
        const divisionCode = divisionAt(row.division_code, level);
        const key = `${level}:${divisionCode}`;
        const entry = told.get(key) ?? { level, divisionCode, count: 0 };
        entry.count += 1;
        told.set(key, entry);
      }
    }
    for (const { level, divisionCode, count } of told.values())
      await publishEvent(tx, {
        type: 'visit_due.escalated',
        divisionCode,
        permission: 'visit.read',
        entity: 'visit_due',
        entityId: divisionCode,
        data: { level: escalationLevels[level] ?? 'district', count },
      });
    return { closed, escalated: [...told.values()].reduce((n, t) => n + t.count, 0) };
  });
}

/** The daily job: the periods that ended close, the new ones open for every subject in care. */
export async function rollPeriods(db: Db, now: Date) {
  return db.transaction(async (tx) => {
    const closed = await closeWindows(tx, now);
    const refreshed = await refreshDues(tx, now);
    return { closed, ...refreshed };
  });
}
