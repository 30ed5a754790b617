import { randomUUID } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import { rows, type Db } from '../../db/client.ts';
import { shanghaiDate } from '../../platform/calendar/dates.ts';
import { publishEvent } from '../../platform/events/publish.ts';
import { subjectsInCare, type SubjectInCare } from '../subjects/service.ts';
import { isWithinDivision } from '../../platform/contract/divisions.ts';
import type { CareLevel } from '../subjects/contract.ts';
import type { VisitPolicyRules, VisitRequirement } from './contract.ts';
import {
  defaultVisitPolicy,
  periodWindow,
  requirementsOf,
  type ExtraRequirement,
  type Owed,
} from './policy.ts';
import { visitDues } from './tables.ts';

/**
 * The due table's upkeep (visit_dues): each write that changes what a subject owes calls one of
 * these in its own transaction, and the daily job closes the periods that ended and opens the new
 * ones. Everything is set-based, a thousand subjects a statement.
 */

export type PolicyInForce = { rules: VisitPolicyRules; version: number | null };

/** The policy of a day: the latest version saved to take effect on or before it, else the defaults. */
export async function policyOn(db: Db, day: string): Promise<PolicyInForce> {
  const [row] = await rows<{ rules: VisitPolicyRules; version: number }>(
    db,
    sql`select rules, version from visit_policies where effective_from <= ${day}
      order by version desc limit 1`,
  );
  return row
    ? { rules: row.rules, version: row.version }
    : { rules: defaultVisitPolicy, version: null };
}

const BATCH = 1000;

/**
 * Brings the subjects' rows of the periods holding `now` in line with the policy of that day, their
 * levels and their visitors (all subjects when `subjectIds` is omitted): new requirements get their
 * row, rows of requirements no longer owed are dropped while still open, the counts are taken from
 * the visits. Subjects no longer in care (left the roster, consent withdrawn) have their open rows
 * excused. Rows of earlier periods are never touched: history is not rewritten.
 */
export async function refreshDues(
  db: Db,
  now: Date,
  subjectIds?: readonly string[],
): Promise<{ subjects: number; rows: number }> {
  const today = shanghaiDate(now);
  const policy = await policyOn(db, today);
  const inCare = await subjectsInCare(db, today, { ids: subjectIds });
  const campaigns = await campaignsOn(db, today);
  let owed = 0;
  let changed = 0;
  for (let i = 0; i < inCare.length; i += BATCH) {
    const batch = await refreshBatch(db, now, policy, campaigns, inCare.slice(i, i + BATCH));
    owed += batch.owed;
    changed += batch.changed;
  }
  // once a tenth of the city's rows changed (as autovacuum would count it), the planner's figures
  // of the table must follow (a first fill from empty otherwise keeps the plans of a tiny table:
  // minutes instead of seconds)
  if (!subjectIds && changed > owed / 10) await db.execute(sql`analyze visit_dues`);
  if (subjectIds) {
    const kept = new Set(inCare.map((s) => s.id));
    const left = subjectIds.filter((id) => !kept.has(id));
    if (left.length > 0) await excuse(db, now, left, 'not_in_care');
  }
  return { subjects: inCare.length, rows: owed };
}

type Campaign = {
  id: string;
  divisionCode: string;
  fromDay: string;
  toDay: string;
  levels: CareLevel[];
  requirement: VisitRequirement;
};

/** The campaigns running on `day` (a handful: read whole, matched to subjects in memory). */
async function campaignsOn(db: Db, day: string): Promise<Campaign[]> {
  return rows<Campaign>(
    db,
    sql`select id, division_code as "divisionCode", from_day::text as "fromDay",
        to_day::text as "toDay", levels, requirement
      from visit_campaigns
      where cancelled_at is null and from_day <= ${day} and to_day >= ${day}`,
  );
}

/** What the plans of the batch's households and the campaigns over their places add. */
async function extrasOf(
  db: Db,
  campaigns: readonly Campaign[],
  batch: readonly SubjectInCare[],
): Promise<Map<string, ExtraRequirement[]>> {
  const plans = await rows<{ householdId: string; rhythm: VisitRequirement }>(
    db,
    sql`select household_id as "householdId", rhythm from care_plans
      where household_id = any(${sql.param(batch.map((s) => s.householdId))}::uuid[])
        and rhythm is not null`,
  );
  const rhythmOf = new Map(plans.map((p) => [p.householdId, p.rhythm]));
  const extras = new Map<string, ExtraRequirement[]>();
  for (const s of batch) {
    const list: ExtraRequirement[] = [];
    const rhythm = rhythmOf.get(s.householdId);
    if (rhythm) list.push({ ...rhythm, source: 'plan', requirement: 'plan:0' });
    for (const c of campaigns)
      if (
        isWithinDivision(s.divisionCode, c.divisionCode) &&
        (c.levels.length === 0 || c.levels.includes(s.careLevel))
      )
        list.push({
          ...c.requirement,
          source: 'campaign',
          requirement: `campaign:${c.id}`,
          days: { from: c.fromDay, to: c.toDay },
        });
    if (list.length > 0) extras.set(s.id, list);
  }
  return extras;
}

async function refreshBatch(
  db: Db,
  now: Date,
  policy: PolicyInForce,
  campaigns: readonly Campaign[],
  batch: SubjectInCare[],
): Promise<{ owed: number; changed: number }> {
  const today = shanghaiDate(now);
  const extras = await extrasOf(db, campaigns, batch);
  // the windows of today's periods, as the statements take them (the same few for every subject)
  const windows = new Map<string, { start: string; end: string }>();
  const windowOf = (r: Pick<Owed, 'period' | 'days'>) => {
    const key = `${r.period} ${r.days?.from ?? ''} ${r.days?.to ?? ''}`;
    let w = windows.get(key);
    if (!w) {
      const { start, end } = periodWindow(r.period, today, r.days);
      w = { start: start.toISOString(), end: end.toISOString() };
      windows.set(key, w);
    }
    return w;
  };
  const owed = batch.flatMap((s) =>
    requirementsOf(policy.rules, s, extras.get(s.id)).map((r) => ({
      subject: s,
      r,
      window: windowOf(r),
    })),
  );
  const ids = sql.param(batch.map((s) => s.id));
  const col = <T>(f: (o: (typeof owed)[number]) => T) => sql.param(owed.map(f));
  // the rows made or changed (a row the policy leaves as it was is not written, nor counted again)
  let changed: string[] = [];
  if (owed.length > 0) {
    const written = await rows<{ id: string }>(
      db,
      sql`insert into visit_dues (subject_id, division_code, care_level, visitor_id,
        source, requirement, period, window_start, window_end, required, required_home, kinds,
        policy_version, updated_at)
      select t.subject_id, t.division_code, t.care_level, t.visitor_id, t.source, t.requirement,
        t.period, t.window_start, t.window_end, t.required, t.required_home, t.kinds,
        ${policy.version}::int, ${now}::timestamptz
      from (select subject_id, division_code, care_level, visitor_id, source, requirement, period,
        window_start, window_end, required, required_home, string_to_array(kinds, ',') as kinds
      from unnest(${col((o) => o.subject.id)}::uuid[], ${col((o) => o.subject.divisionCode)}::text[],
        ${col((o) => o.subject.careLevel)}::text[], ${col((o) => o.subject.visitorId)}::uuid[],
        ${col((o) => o.r.source)}::text[],
        ${col((o) => o.r.requirement)}::text[], ${col((o) => o.r.period)}::text[],
        ${col((o) => o.window.start)}::timestamptz[],
        ${col((o) => o.window.end)}::timestamptz[],
        ${col((o) => o.r.visits)}::int[], ${col((o) => o.r.homeVisits)}::int[],
        ${col((o) => o.r.kinds.join(','))}::text[])
        as u(subject_id, division_code, care_level, visitor_id, source, requirement, period,
          window_start, window_end, required, required_home, kinds)) t
      -- a row that is excused or already as owed is neither written nor locked
      where not exists (select 1 from visit_dues v
        where v.subject_id = t.subject_id and v.requirement = t.requirement
          and v.window_start = t.window_start
          and (v.status = 'excused'
            or (v.division_code, v.care_level, v.visitor_id, v.window_end, v.required,
              v.required_home, v.kinds)
            is not distinct from (t.division_code, t.care_level, t.visitor_id, t.window_end,
              t.required, t.required_home, t.kinds)))
      on conflict (subject_id, requirement, window_start) do update set
        division_code = excluded.division_code, care_level = excluded.care_level,
        visitor_id = excluded.visitor_id,
        window_end = excluded.window_end, required = excluded.required,
        required_home = excluded.required_home, kinds = excluded.kinds,
        policy_version = excluded.policy_version, updated_at = excluded.updated_at
      where visit_dues.status <> 'excused'
      returning id`,
    );
    changed = written.map((w) => w.id);
  }
  // what these subjects no longer owe in the current periods, while nothing of it is done
  await db.execute(sql`delete from visit_dues d
    where d.subject_id = any(${ids}::uuid[]) and d.source in ('level', 'floor', 'plan', 'campaign')
      and d.status = 'due' and d.window_end > ${now}::timestamptz
      and not exists (select 1 from unnest(${col((o) => o.subject.id)}::uuid[],
          ${col((o) => o.r.requirement)}::text[],
          ${col((o) => o.window.start)}::timestamptz[]) as o(subject_id, requirement, window_start)
        where o.subject_id = d.subject_id and o.requirement = d.requirement
          and o.window_start = d.window_start)`);
  // the open rows of earlier windows and triggers follow a subject who moved or changed visitor
  // (the current periods' rows followed in the upsert)
  const by = <T>(f: (s: SubjectInCare) => T) => sql.param(batch.map(f));
  await db.execute(sql`update visit_dues d set division_code = s.division_code,
      care_level = s.care_level, visitor_id = s.visitor_id
    from unnest(${ids}::uuid[], ${by((s) => s.divisionCode)}::text[],
      ${by((s) => s.careLevel)}::text[], ${by((s) => s.visitorId)}::uuid[])
      as s(id, division_code, care_level, visitor_id)
    where d.subject_id = any(${ids}::uuid[]) and d.subject_id = s.id
      and d.status in ('due', 'overdue')
      and (d.window_end <= ${now}::timestamptz or d.source = 'trigger')
      and (d.division_code <> s.division_code or d.care_level <> s.care_level
        or d.visitor_id is distinct from s.visitor_id)`);
  if (changed.length > 0) await recount(db, now, sql`d.id = any(${sql.param(changed)}::uuid[])`);
  return { owed: owed.length, changed: changed.length };
}

/**
 * Counts again the visits of the rows `where` selects (`d` is visit_dues) and sets their status:
 * done once met, else overdue once the window ended, else due. Excused rows stay excused.
 */
export async function recount(db: Db, now: Date, where: SQL): Promise<void> {
  await db.execute(recountSql(now, where));
}

const recountSql = (now: Date, where: SQL) => sql`update visit_dues d set done = c.done,
      done_home = c.done_home,
      status = case when c.done >= d.required and c.done_home >= d.required_home then 'done'
        when d.window_end <= ${now}::timestamptz then 'overdue' else 'due' end,
      done_at = case when c.done >= d.required and c.done_home >= d.required_home
        then coalesce(d.done_at, c.last_at) end,
      updated_at = ${now}::timestamptz
    from (select d.id,
        count(v.id) filter (where v.kind = 'home' or v.kind = any(d.kinds))::int as done,
        count(v.id) filter (where v.kind = 'home')::int as done_home,
        max(v.started_at) as last_at
      from visit_dues d
      left join visits v on v.subject_id = d.subject_id and v.outcome = 'met'
        and v.review <> 'returned'
        and v.started_at >= d.window_start and v.started_at < d.window_end
      where d.status <> 'excused' and ${where}
      group by d.id) c
    where d.id = c.id`;

/** The open rows of subjects who left care (or whose consent was withdrawn) leave the denominator. */
export async function excuse(db: Db, now: Date, subjectIds: readonly string[], reason: string) {
  await db.execute(sql`update visit_dues set status = 'excused', excused_at = ${now}::timestamptz,
      excused_reason = ${reason}, updated_at = ${now}::timestamptz
    where subject_id = any(${sql.param([...subjectIds])}::uuid[]) and status in ('due', 'overdue')`);
}

/**
 * A visit due within hours of `at` (a change to `special`, an emergency, a family change): a home
 * visit, met from `at` on; a visit already made since counts.
 */
export async function addTrigger(
  db: Db,
  now: Date,
  trigger: { subjectId: string; at: Date; reason: string },
): Promise<string | null> {
  const [subject] = await subjectsInCare(db, shanghaiDate(trigger.at), {
    ids: [trigger.subjectId],
  });
  if (!subject) return null;
  const policy = await policyOn(db, shanghaiDate(trigger.at));
  const end = new Date(trigger.at.getTime() + policy.rules.triggerHours * 3600_000);
  const [row] = await db
    .insert(visitDues)
    .values({
      subjectId: subject.id,
      divisionCode: subject.divisionCode,
      careLevel: subject.careLevel,
      visitorId: subject.visitorId,
      source: 'trigger',
      requirement: `trigger:${trigger.reason}:${randomUUID()}`,
      windowStart: trigger.at,
      windowEnd: end,
      required: 1,
      requiredHome: 1,
      kinds: ['home'],
      policyVersion: policy.version,
      updatedAt: now,
    })
    .returning({ id: visitDues.id });
  if (!row) return null;
  await recount(db, now, sql`d.id = ${row.id}`);
  if (subject.visitorId)
    await publishEvent(db, {
      type: 'visit_due.triggered',
      divisionCode: subject.divisionCode,
      permission: 'visit.read',
      entity: 'visit_due',
      entityId: row.id,
      recipientId: subject.visitorId,
      data: { hours: policy.rules.triggerHours },
    });
  return row.id;
}

/** Rows whose window ended unmet become overdue (the daily and hourly job). */
export async function closeWindows(db: Db, now: Date): Promise<number> {
  const closed = await rows<{ id: string }>(
    db,
    sql`update visit_dues set status = 'overdue', updated_at = ${now}::timestamptz
      where status = 'due' and window_end <= ${now}::timestamptz returning id`,
  );
  return closed.length;
}

/**
 * Notes the months of met visits in visit_months (the monthly rate's rollup): those of `where`
 * (`v` is visits), a visit at home marking its month's row as at home.
 */
export async function noteVisitMonths(db: Db, where: SQL): Promise<void> {
  await db.execute(visitMonthsSql(where));
}

const visitMonthsSql = (where: SQL) => sql`insert into visit_months (subject_id, month,
      division_code, home)
    select v.subject_id, to_char(v.started_at at time zone 'Asia/Shanghai', 'YYYY-MM'),
      max(v.division_code), bool_or(v.kind = 'home')
    from visits v where v.outcome = 'met' and ${where}
    group by 1, 2
    on conflict (subject_id, month) do update set division_code = excluded.division_code,
      home = visit_months.home or excluded.home`;

/**
 * A met visit just recorded: the due rows whose window holds it counted again and its month noted,
 * in one statement (a visit is recorded hundreds of times a second at a city's scale).
 */
export async function noteMetVisit(
  db: Db,
  now: Date,
  visit: { id: string; subjectId: string; startedAt: Date },
): Promise<void> {
  const at = sql`${visit.startedAt}::timestamptz`;
  await db.execute(
    sql`with recounted as (${recountSql(
      now,
      sql`d.subject_id = ${visit.subjectId} and d.window_start <= ${at} and d.window_end > ${at}`,
    )} returning d.id) ${visitMonthsSql(sql`v.id = ${visit.id}`)}`,
  );
}
