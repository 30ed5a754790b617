import { sql } from 'drizzle-orm';
import { rows, type Db } from '../../server/db/client.ts';
import { addTrigger, policyOn } from '../../server/modules/visits/dues.ts';
import { escalationLevelOn } from '../../server/modules/visits/service.ts';
import { shanghaiDate } from '../../server/platform/calendar/dates.ts';
import { loadCalendar } from '../../server/platform/calendar/service.ts';
import { addDays } from '../../server/platform/calendar/working-days.ts';

const STREET = 2;

/**
 * A visit of the subject that is overdue and has climbed nowhere yet, and that the next run of
 * `visits.escalate` takes to the subject's street and no further (escalation.e2e.ts): the home
 * visit a family change reported days ago owed within the policy's trigger hours, as the roster's
 * report of a change makes it (dated in the past, which no endpoint may do).
 *
 * Its window ends on the latest day the calendar puts at the street's level both today and
 * tomorrow, whatever the weekday or holiday (a run just after midnight climbs it no further). The
 * demo's own overdue rows of that day reached the street when they were seeded, so the run climbs
 * this one alone there.
 */
export async function makeOverdueForStreet(
  db: Db,
  subjectId: string,
): Promise<{ dueId: string; day: string }> {
  const now = new Date();
  const today = shanghaiDate(now);
  const { rules } = await policyOn(db, today);
  const calendar = await loadCalendar(db);
  const level = (day: string, on: string) => escalationLevelOn(calendar, rules.escalation, day, on);
  let day: string | null = null;
  for (let back = 1; back <= 40 && !day; back++) {
    const candidate = addDays(today, -back);
    if (level(candidate, today) === STREET && level(candidate, addDays(today, 1)) === STREET)
      day = candidate;
  }
  if (!day) throw new Error(`no day of the last 40 climbs to the street on ${today}`);
  const windowEnd = new Date(`${day}T12:00:00+08:00`);
  const at = new Date(windowEnd.getTime() - rules.triggerHours * 3600_000);
  const dueId = await db.transaction((tx) =>
    addTrigger(tx, now, { subjectId, at, reason: 'family' }),
  );
  if (!dueId) throw new Error(`subject ${subjectId} was not in care on ${shanghaiDate(at)}`);
  const [row] = await rows<{ status: string; escalation: number; day: string }>(
    db,
    sql`select status, escalation,
        to_char(window_end at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as day
      from visit_dues where id = ${dueId}`,
  );
  if (row?.status !== 'overdue' || row.escalation !== 0 || row.day !== day)
    throw new Error(`the trigger's row is ${JSON.stringify(row)}, not overdue on ${day}`);
  return { dueId, day };
}
