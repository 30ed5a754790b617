import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../db/client.ts';
import { actorsFor, call } from '../../test/actors.ts';
import { makeCommunity, makeDistrict, makeStreet } from '../../test/factories.ts';
import { createTestApp, createTestClock, type TestApp } from '../../test/harness.ts';
import { makeSubject } from '../../test/subject-factories.ts';
import { defaultVisitPolicy, periodDays, requirementsOf } from './policy.ts';
import { escalateOverdue, refreshDues, rollPeriods } from './service.ts';

/*
 * What is due over time: periods in Asia/Shanghai, a policy change that recomputes from its day
 * and not before, and overdue visits that climb on the working-day calendar.
 */

describe('periods and requirements', () => {
  it('counts weeks from Monday to Sunday, months and quarters, in Shanghai days', () => {
    expect(periodDays('week', '2026-03-10')).toEqual({ start: '2026-03-09', end: '2026-03-16' });
    expect(periodDays('week', '2026-03-15')).toEqual({ start: '2026-03-09', end: '2026-03-16' });
    expect(periodDays('week', '2026-03-16')).toEqual({ start: '2026-03-16', end: '2026-03-23' });
    expect(periodDays('week', '2026-01-01')).toEqual({ start: '2025-12-29', end: '2026-01-05' });
    expect(periodDays('month', '2026-12-31')).toEqual({ start: '2026-12-01', end: '2027-01-01' });
    expect(periodDays('quarter', '2026-05-20')).toEqual({ start: '2026-04-01', end: '2026-07-01' });
    expect(periodDays('quarter', '2026-12-02')).toEqual({ start: '2026-10-01', end: '2027-01-01' });
  });

  it('adds the floor of a disabled elder only where the level does not already meet it', () => {
    const owed = (careLevel: 'special' | 'key' | 'regular', disabled: boolean, kind = 'elder') =>
      requirementsOf(defaultVisitPolicy, { careLevel, kind: kind as 'elder', disabled }).map(
        (r) => `${r.source}:${r.period}:${r.homeVisits}`,
      );
    expect(owed('regular', false)).toEqual(['level:quarter:1', 'level:month:0']);
    expect(owed('regular', true)).toEqual(['level:quarter:1', 'level:month:0', 'floor:month:1']);
    expect(owed('key', true)).toEqual(['level:month:1']);
    expect(owed('special', true)).toEqual(['level:week:1']);
    expect(owed('regular', true, 'child')).toEqual(['level:quarter:1', 'level:month:0']);
  });
});

const clock = createTestClock(new Date('2026-02-20T02:00:00Z'));
let t: TestApp;
let district: string;
let street: string;
let community: string;

beforeAll(async () => {
  t = await createTestApp({ clock });
  district = (await makeDistrict(t.db)).code;
  street = (await makeStreet(t.db, { districtCode: district })).code;
  community = (await makeCommunity(t.db, { streetCode: street })).code;
});
afterAll(async () => {
  await t?.close();
});

async function duesOf(subjectId: string) {
  return rows<{ requirement: string; period: string; status: string; start: string }>(
    t.db,
    sql`select requirement, period, status,
        to_char(window_start at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as start
      from visit_dues where subject_id = ${subjectId} order by window_start, requirement`,
  );
}

async function savePolicy(rules: unknown, effectiveFrom: string) {
  // the clock moves by weeks: a session of now
  const admin = await actorsFor(t).asDistrictAdmin(district);
  const current = await call(t, admin, { method: 'GET', url: '/api/visit-policy' });
  const versions = [current.body.current, ...current.body.scheduled].map(
    (p: { version: number | null }) => p.version ?? 0,
  );
  const latest = Math.max(...versions);
  return call(t, admin, {
    method: 'PUT',
    url: '/api/visit-policy',
    payload: { rules, effectiveFrom, baseVersion: latest === 0 ? null : latest },
  });
}

describe('a policy change', () => {
  it('recomputes what is due from its day and not before', async () => {
    clock.set(new Date('2026-02-20T02:00:00Z'));
    const s = await makeSubject(t.db, t.ctx.sensitive, { divisionCode: community });
    await rollPeriods(t.db, clock.now());
    expect(await duesOf(s.id)).toEqual([
      { requirement: 'level:regular:0', period: 'quarter', status: 'due', start: '2026-01-01' },
      { requirement: 'level:regular:1', period: 'month', status: 'due', start: '2026-02-01' },
    ]);
    clock.set(new Date('2026-03-10T02:00:00Z'));
    await rollPeriods(t.db, clock.now());
    // regular is now visited at home every month, from today
    const monthly = {
      ...defaultVisitPolicy,
      regular: [{ period: 'month', visits: 1, kinds: ['home'], homeVisits: 1 }],
    };
    const saved = await savePolicy(monthly, '2026-03-10');
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.current.version).toBeGreaterThan(0);
    const after = await duesOf(s.id);
    // February's row stays as it was (overdue), the quarter's open row is gone, March is home-monthly
    expect(after).toEqual([
      { requirement: 'level:regular:1', period: 'month', status: 'overdue', start: '2026-02-01' },
      { requirement: 'level:regular:0', period: 'month', status: 'due', start: '2026-03-01' },
    ]);
    const [audited] = await rows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from audit_log where action = 'visit.policy'`,
    );
    expect(audited?.n).toBe(1);
  });

  it('saved for a later day changes nothing until that day comes', async () => {
    clock.set(new Date('2026-03-12T02:00:00Z'));
    const s = await makeSubject(t.db, t.ctx.sensitive, {
      divisionCode: community,
      careLevel: 'key',
    });
    await refreshDues(t.db, clock.now(), [s.id]);
    const weekly = {
      ...defaultVisitPolicy,
      key: [{ period: 'week', visits: 1, kinds: ['home'], homeVisits: 1 }],
    };
    const saved = await savePolicy(weekly, '2026-04-01');
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.scheduled).toHaveLength(1);
    await rollPeriods(t.db, clock.now());
    expect((await duesOf(s.id)).map((d) => d.period)).toEqual(['month']);
    clock.set(new Date('2026-04-01T16:05:00Z')); // 00:05 on 2 April in Shanghai
    await rollPeriods(t.db, clock.now());
    expect((await duesOf(s.id)).map((d) => `${d.period}:${d.start}:${d.status}`)).toEqual([
      'month:2026-03-01:overdue',
      'week:2026-03-30:due',
    ]);
  });

  it('refuses a day in the past and a stale version, naming the field', async () => {
    clock.set(new Date('2026-04-02T02:00:00Z'));
    const past = await savePolicy(defaultVisitPolicy, '2026-04-01');
    expect(past.status).toBe(400);
    expect(past.body.error.fields[0].field).toBe('effectiveFrom');
    const admin = await actorsFor(t).asDistrictAdmin(district);
    const stale = await call(t, admin, {
      method: 'PUT',
      url: '/api/visit-policy',
      payload: { rules: defaultVisitPolicy, effectiveFrom: '2026-04-02', baseVersion: 1 },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('visit.policy_changed');
    const wrong = await savePolicy(
      { ...defaultVisitPolicy, escalation: { community: 3, street: 1, district: 5 } },
      '2026-04-02',
    );
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.fields[0].field).toBe('rules.escalation.street');
  });
  it('writes and counts again only the rows it changes', async () => {
    clock.set(new Date('2026-04-08T02:00:00Z'));
    const key = await makeSubject(t.db, t.ctx.sensitive, {
      divisionCode: community,
      careLevel: 'key',
    });
    const regular = await makeSubject(t.db, t.ctx.sensitive, { divisionCode: community });
    // the defaults again (an earlier test made the key level weekly from 1 April)
    expect((await savePolicy(defaultVisitPolicy, '2026-04-08')).status).toBe(200);
    await refreshDues(t.db, clock.now(), [key.id, regular.id]);
    const worker = await actorsFor(t).asCommunityWorker(community);
    const visit = await call(t, worker, {
      method: 'POST',
      url: '/api/visits',
      payload: {
        subjectId: key.id,
        kind: 'home',
        startedAt: '2026-04-07T09:30:00+08:00',
        endedAt: '2026-04-07T10:10:00+08:00',
        outcome: 'met',
      },
    });
    expect(visit.status, JSON.stringify(visit.body)).toBe(201);
    const state = () =>
      rows<{ subject_id: string; status: string; done: number; required: number; at: string }>(
        t.db,
        sql`select subject_id, status, done, required, updated_at::text as at from visit_dues
          where subject_id in (${key.id}, ${regular.id}) order by subject_id, requirement`,
      );
    const before = await state();
    expect(before.find((r) => r.subject_id === key.id)).toMatchObject({ status: 'done', done: 1 });
    clock.set(new Date('2026-04-08T03:00:00Z'));
    // the key level is visited twice a month from today; the regular level is as it was
    const twice = {
      ...defaultVisitPolicy,
      key: [{ period: 'month', visits: 2, kinds: ['home', 'phone'], homeVisits: 1 }],
    };
    const saved = await savePolicy(twice, '2026-04-08');
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const after = await state();
    expect(after.find((r) => r.subject_id === key.id)).toMatchObject({
      status: 'due',
      done: 1,
      required: 2,
    });
    expect(after.find((r) => r.subject_id === key.id)?.at).not.toBe(
      before.find((r) => r.subject_id === key.id)?.at,
    );
    // the regular subject's rows were not written again
    expect(after.filter((r) => r.subject_id === regular.id)).toEqual(
      before.filter((r) => r.subject_id === regular.id),
    );
  });
});

describe('overdue visits', () => {
  it('climb to the community, the street and the district on working days, and tell each', async () => {
    // a key subject unvisited in April 2026: overdue from 1 May, a holiday (劳动节 1–5 May,
    // 9 May a make-up working day); escalation after 0, 2 and 5 working days
    clock.set(new Date('2026-04-10T02:00:00Z'));
    // a place of its own: the earlier tests' overdue rows climb elsewhere
    const district = (await makeDistrict(t.db)).code;
    const street = (await makeStreet(t.db, { districtCode: district })).code;
    const community = (await makeCommunity(t.db, { streetCode: street })).code;
    const s = await makeSubject(t.db, t.ctx.sensitive, {
      divisionCode: community,
      careLevel: 'key',
    });
    const policy = await savePolicy(defaultVisitPolicy, '2026-04-10');
    expect(policy.status, JSON.stringify(policy.body)).toBe(200);
    await refreshDues(t.db, clock.now(), [s.id]);
    const level = async () => {
      const [row] = await rows<{ status: string; escalation: number }>(
        t.db,
        sql`select status, escalation from visit_dues where subject_id = ${s.id}
          and window_start = '2026-03-31T16:00:00Z'`,
      );
      return row;
    };
    const runAt = async (iso: string) => {
      clock.set(new Date(iso));
      await escalateOverdue(t.db, clock.now());
      return level();
    };
    expect(await runAt('2026-04-30T15:00:00Z')).toEqual({ status: 'due', escalation: 0 });
    expect(await runAt('2026-04-30T16:10:00Z')).toEqual({ status: 'overdue', escalation: 1 });
    // 6 May: one working day since (natural days would have reached the street)
    expect(await runAt('2026-05-06T04:00:00Z')).toEqual({ status: 'overdue', escalation: 1 });
    expect(await runAt('2026-05-07T01:00:00Z')).toEqual({ status: 'overdue', escalation: 2 });
    // 6, 7, 8, 9 (the make-up Saturday) and 11 May: the district on Monday the 11th
    expect(await runAt('2026-05-10T04:00:00Z')).toEqual({ status: 'overdue', escalation: 2 });
    expect(await runAt('2026-05-11T01:00:00Z')).toEqual({ status: 'overdue', escalation: 3 });

    const told = await rows<{ division_code: string; data: { level: string; count: number } }>(
      t.db,
      sql`select division_code, data from live_events where type = 'visit_due.escalated'
        and division_code in (${community}, ${street}, ${district}) order by id`,
    );
    expect(told.map((e) => [e.division_code, e.data.level])).toEqual([
      [community, 'community'],
      [street, 'street'],
      [district, 'district'],
    ]);
    // each level's list: the street officer sees it once it reached the street
    const streetOfficer = await actorsFor(t).asStreetOfficer(street);
    const list = await call(t, streetOfficer, { method: 'GET', url: '/api/visit-dues/overdue' });
    expect(list.body.level).toBe('street');
    expect(list.body.items.map((i: { subjectId: string }) => i.subjectId)).toContain(s.id);
    expect(list.body.byCommunity).toEqual([
      expect.objectContaining({ key: community, count: expect.any(Number) }),
    ]);
    const worker = await actorsFor(t).asCommunityWorker(community);
    const workerList = await call(t, worker, { method: 'GET', url: '/api/visit-dues/overdue' });
    expect(workerList.body.level).toBe('community');
  });

  it('is excused when the subject leaves the roster', async () => {
    clock.set(new Date('2026-05-12T02:00:00Z'));
    const s = await makeSubject(t.db, t.ctx.sensitive, {
      divisionCode: community,
      careLevel: 'key',
    });
    await refreshDues(t.db, clock.now(), [s.id]);
    await t.db.execute(sql`update subjects set status = 'removed' where id = ${s.id}`);
    await refreshDues(t.db, clock.now(), [s.id]);
    expect((await duesOf(s.id)).map((d) => d.status)).toEqual(['excused']);
  });
});
