import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../db/client.ts';
import { actorsFor, call, type Session } from '../../test/actors.ts';
import { makeCommunity, makeDistrict, makeStreet } from '../../test/factories.ts';
import { createTestApp, createTestClock, type TestApp } from '../../test/harness.ts';
import { makeSubject } from '../../test/subject-factories.ts';

/*
 * What a household agreed beyond the policy (一户一策) and visits raised for a time and an area
 * (campaigns): each adds requirements of its own to the due rows, from the day it is saved.
 */

const clock = createTestClock(new Date('2026-03-10T02:00:00Z')); // Tuesday 10:00 in Shanghai
let t: TestApp;
let community: string;
let otherCommunity: string;
let street: string;
let worker: Session;
let districtAdmin: Session;

beforeAll(async () => {
  t = await createTestApp({ clock });
  const district = (await makeDistrict(t.db)).code;
  street = (await makeStreet(t.db, { districtCode: district })).code;
  community = (await makeCommunity(t.db, { streetCode: street })).code;
  const otherStreet = (await makeStreet(t.db, { districtCode: district })).code;
  otherCommunity = (await makeCommunity(t.db, { streetCode: otherStreet })).code;
  worker = await actorsFor(t).asCommunityWorker(community);
  districtAdmin = await actorsFor(t).asDistrictAdmin(district);
});
afterAll(async () => {
  await t?.close();
});

const duesOf = (subjectId: string) =>
  rows<{
    source: string;
    requirement: string;
    status: string;
    window_start: Date;
    window_end: Date;
  }>(
    t.db,
    sql`select source, requirement, status, window_start, window_end from visit_dues
      where subject_id = ${subjectId} order by source, window_start`,
  );

const plan = {
  goals: '每周两次问候，其中一次入户；协助申请助餐',
  services: ['meals', 'emotional_comfort'],
  rhythm: { period: 'week', visits: 2, kinds: ['home', 'phone'], homeVisits: 1 },
  reviewOn: '2026-06-10',
};

describe('a care plan (一户一策)', () => {
  it('adds its rhythm to what the household owes from today, versioned, on the timeline', async () => {
    const s = await makeSubject(t.db, t.ctx.sensitive, {
      divisionCode: community,
      careLevel: 'key',
    });
    const url = `/api/households/${s.householdId}/care-plan`;
    expect((await call(t, worker, { method: 'GET', url })).body).toEqual({ plan: null });

    const saved = await call(t, worker, { method: 'PUT', url, payload: plan });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toMatchObject({ version: 1, goals: plan.goals, reviewDue: false });
    const planRows = (await duesOf(s.id)).filter((d) => d.source === 'plan');
    expect(planRows).toMatchObject([{ requirement: 'plan:0', status: 'due' }]);
    // the calendar week holding Tuesday 10 March: Monday 9 to Monday 16 (Shanghai)
    expect(new Date(String(planRows[0]?.window_start)).toISOString()).toBe(
      '2026-03-08T16:00:00.000Z',
    );
    expect(new Date(String(planRows[0]?.window_end)).toISOString()).toBe(
      '2026-03-15T16:00:00.000Z',
    );
    const timeline = await rows(
      t.db,
      sql`select 1 from household_events where household_id = ${s.householdId}
        and kind = 'care_plan.saved'`,
    );
    expect(timeline).toHaveLength(1);

    // edited meanwhile by someone else: refused, naming the version
    const stale = await call(t, worker, { method: 'PUT', url, payload: { ...plan, goals: '改' } });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({
      error: { code: 'care_plan.changed', fields: [{ field: 'baseVersion' }] },
    });
    // the rhythm dropped: what it added and nothing done of goes
    const second = await call(t, worker, {
      method: 'PUT',
      url,
      payload: { ...plan, rhythm: null, baseVersion: 1 },
    });
    expect(second.body).toMatchObject({ version: 2, rhythm: null });
    expect((await duesOf(s.id)).map((d) => d.source)).toEqual(['level']);
    expect((await call(t, worker, { method: 'GET', url })).body).toMatchObject({
      plan: { version: 2, services: ['meals', 'emotional_comfort'] },
    });
  });

  it('is not found outside the caller’s scope, and names a bad field', async () => {
    const s = await makeSubject(t.db, t.ctx.sensitive, { divisionCode: otherCommunity });
    const url = `/api/households/${s.householdId}/care-plan`;
    const outside = await call(t, worker, { method: 'PUT', url, payload: plan });
    expect(outside.status).toBe(404);
    expect(outside.body).toMatchObject({ error: { code: 'household.not_found' } });
    const mine = await makeSubject(t.db, t.ctx.sensitive, { divisionCode: community });
    const bad = await call(t, worker, {
      method: 'PUT',
      url: `/api/households/${mine.householdId}/care-plan`,
      payload: { ...plan, rhythm: { ...plan.rhythm, homeVisits: 3 } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { fields: [{ field: 'rhythm.homeVisits' }] } });
  });
});

describe('a campaign', () => {
  it('raises the visits of the chosen levels in its area for its days, and stops when cancelled', async () => {
    const key = await makeSubject(t.db, t.ctx.sensitive, {
      divisionCode: community,
      careLevel: 'key',
    });
    const regular = await makeSubject(t.db, t.ctx.sensitive, {
      divisionCode: community,
      careLevel: 'regular',
    });
    const elsewhere = await makeSubject(t.db, t.ctx.sensitive, {
      divisionCode: otherCommunity,
      careLevel: 'key',
    });
    const made = await call(t, districtAdmin, {
      method: 'POST',
      url: '/api/visit-campaigns',
      headers: { 'idempotency-key': `campaign-${Date.now()}` },
      payload: {
        name: '寒潮专项巡访',
        divisionCode: street,
        from: '2026-03-10',
        to: '2026-03-12',
        levels: ['key'],
        requirement: { period: 'week', visits: 1, kinds: ['home'], homeVisits: 1 },
      },
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const id = (made.body as { id: string }).id;
    const raised = (await duesOf(key.id)).filter((d) => d.source === 'campaign');
    expect(raised).toMatchObject([{ requirement: `campaign:${id}`, status: 'due' }]);
    // the week cut to the campaign's days: from 10 March to the end of 12 March (Shanghai)
    expect(new Date(String(raised[0]?.window_start)).toISOString()).toBe(
      '2026-03-09T16:00:00.000Z',
    );
    expect(new Date(String(raised[0]?.window_end)).toISOString()).toBe('2026-03-12T16:00:00.000Z');
    expect((await duesOf(regular.id)).some((d) => d.source === 'campaign')).toBe(false);
    expect((await duesOf(elsewhere.id)).some((d) => d.source === 'campaign')).toBe(false);

    const listed = await call(t, districtAdmin, { method: 'GET', url: '/api/visit-campaigns' });
    expect(listed.body).toMatchObject({ items: [{ id, name: '寒潮专项巡访', cancelled: false }] });

    const cancelled = await call(t, districtAdmin, {
      method: 'POST',
      url: `/api/visit-campaigns/${id}/cancel`,
    });
    expect(cancelled.body).toMatchObject({ cancelled: true });
    expect((await duesOf(key.id)).some((d) => d.source === 'campaign')).toBe(false);
  });

  it('refuses an end that has passed and an area outside the caller’s, and a community worker', async () => {
    const body = {
      name: '春节',
      divisionCode: street,
      from: '2026-02-01',
      to: '2026-02-20',
      requirement: { period: 'week', visits: 1, kinds: ['home'], homeVisits: 1 },
    };
    const past = await call(t, districtAdmin, {
      method: 'POST',
      url: '/api/visit-campaigns',
      payload: body,
    });
    expect(past.status).toBe(400);
    expect(past.body).toMatchObject({
      error: { code: 'visit_campaign.ended', fields: [{ field: 'to' }] },
    });
    const backwards = await call(t, districtAdmin, {
      method: 'POST',
      url: '/api/visit-campaigns',
      payload: { ...body, from: '2026-04-02', to: '2026-04-01' },
    });
    expect(backwards.status).toBe(400);
    expect(backwards.body).toMatchObject({ error: { fields: [{ field: 'to' }] } });
    const other = await makeDistrict(t.db);
    const outside = await call(t, districtAdmin, {
      method: 'POST',
      url: '/api/visit-campaigns',
      payload: { ...body, divisionCode: other.code, to: '2026-04-01' },
    });
    expect(outside.status).toBe(404);
    const byWorker = await call(t, worker, {
      method: 'POST',
      url: '/api/visit-campaigns',
      payload: { ...body, to: '2026-04-01' },
    });
    expect(byWorker.status).toBe(403);
  });
});
