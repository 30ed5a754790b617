import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../db/client.ts';
import { actorsFor, call, type Session } from '../../test/actors.ts';
import { makeCommunity, makeStreet } from '../../test/factories.ts';
import { createTestApp, createTestClock, type TestApp } from '../../test/harness.ts';
import { makeSubject, type TestSubject } from '../../test/subject-factories.ts';

/*
 * A household's place on the map (PUT /api/households/:id/location), and the first home visit's
 * proposal confirmed (POST …/location/confirm): who may, where, what is refused, what is kept.
 */

const clock = createTestClock(new Date('2026-03-10T02:00:00Z')); // Tuesday 10:00 in Shanghai
let t: TestApp;
let street: string;
let community: string;
let worker: Session;

beforeAll(async () => {
  t = await createTestApp({ clock });
  street = (await makeStreet(t.db)).code;
  community = (await makeCommunity(t.db, { streetCode: street })).code;
  worker = await actorsFor(t).asCommunityWorker(community);
});
afterAll(async () => {
  await t?.close();
});

let keys = 0;
const key = () => `location-test-${++keys}-${Date.now()}`;
const subject = () => makeSubject(t.db, t.ctx.sensitive, { divisionCode: community });

const place = (s: TestSubject, body: unknown, as = worker, locale = 'zh-CN') =>
  call(t, as, {
    method: 'PUT',
    url: `/api/households/${s.householdId}/location`,
    payload: body,
    headers: { 'accept-language': locale },
  });
const confirm = (s: TestSubject, as = worker, locale = 'zh-CN') =>
  call(t, as, {
    method: 'POST',
    url: `/api/households/${s.householdId}/location/confirm`,
    headers: { 'idempotency-key': key(), 'accept-language': locale },
  });
const household = (s: TestSubject, as = worker, locale = 'zh-CN') =>
  call(t, as, {
    method: 'GET',
    url: `/api/households/${s.householdId}`,
    headers: { 'accept-language': locale },
  });
const homeVisit = (s: TestSubject, at: { lat: number; lng: number }, hour: string) =>
  call(t, worker, {
    method: 'POST',
    url: '/api/visits',
    payload: {
      subjectId: s.id,
      kind: 'home',
      startedAt: `2026-03-10T${hour}:00:00+08:00`,
      endedAt: `2026-03-10T${hour}:30:00+08:00`,
      outcome: 'met',
      checkIn: { ...at, accuracy: 15, at: `2026-03-10T${hour}:01:00+08:00` },
    },
    headers: { 'idempotency-key': key() },
  });

type EventRow = { kind: string; actor_id: string | null; detail: Record<string, unknown> };
const events = (s: TestSubject) =>
  rows<EventRow>(
    t.db,
    sql`select kind, actor_id, detail from household_events
      where household_id = ${s.householdId} and kind like 'household.location%' order by id`,
  );
type AuditRow = { action: string; user_id: string; detail: Record<string, unknown> };
const audits = (s: TestSubject) =>
  rows<AuditRow>(
    t.db,
    sql`select action, user_id, detail from audit_log
      where entity = 'household' and entity_id = ${s.householdId}
        and action like 'household.location%' order by occurred_at, id`,
  );

describe('placing a household on the map', () => {
  it('a community worker sets the place (WGS-84): confirmed, in the household file, on its timeline and in the audit log', async () => {
    const s = await subject();
    expect((await household(s)).body.location).toBeNull();
    const res = await place(s, { lat: 41.8123456789, lng: 123.4712345678 });
    expect(res.status).toBe(200);
    // kept to six decimals (about 0.1 m)
    expect(res.body).toEqual({ lat: 41.812346, lng: 123.471235, source: 'map', confirmed: true });
    expect((await household(s)).body.location).toEqual(res.body);

    expect(await events(s)).toEqual([
      {
        kind: 'household.location_set',
        actor_id: worker.user.id,
        detail: { lat: 41.812346, lng: 123.471235, replaced: false },
      },
    ]);
    const zh = (await household(s)).body.events.find(
      (e: { kind: string }) => e.kind === 'household.location_set',
    );
    expect(zh.title).toBe('在地图上标注位置');
    const en = (await household(s, worker, 'en-US')).body.events.find(
      (e: { kind: string }) => e.kind === 'household.location_set',
    );
    expect(en.title).toBe('Location set on the map');

    expect(await audits(s)).toEqual([
      {
        action: 'household.location_set',
        user_id: worker.user.id,
        detail: { to: { lat: 41.812346, lng: 123.471235 }, from: null },
      },
    ]);
  });

  it('the same place set again changes nothing; another place replaces it, with the old one in the audit log', async () => {
    const s = await subject();
    await place(s, { lat: 41.81, lng: 123.47 });
    const again = await place(s, { lat: 41.81, lng: 123.47 });
    expect(again.status).toBe(200);
    expect((await events(s)).length).toBe(1);
    expect((await audits(s)).length).toBe(1);

    const moved = await place(s, { lat: 41.815, lng: 123.475 });
    expect(moved.body).toMatchObject({ lat: 41.815, lng: 123.475, confirmed: true });
    expect((await events(s)).map((e) => e.detail.replaced)).toEqual([false, true]);
    expect((await audits(s))[1]?.detail).toEqual({
      to: { lat: 41.815, lng: 123.475 },
      from: { lat: 41.81, lng: 123.47, source: 'map' },
    });
  });

  it('refuses a latitude or longitude out of range, missing or not a number, naming the field in both languages', async () => {
    const s = await subject();
    const fieldsOf = async (body: unknown, locale = 'zh-CN') => {
      const res = await place(s, body, worker, locale);
      expect(res.status).toBe(400);
      return (res.body.error.fields as { field: string; message: string }[]).map((f) => [
        f.field,
        f.message.split(/[：:]/)[0],
      ]);
    };
    expect(await fieldsOf({ lat: 91, lng: 123.47 })).toEqual([['lat', '纬度']]);
    expect(await fieldsOf({ lat: 41.8, lng: -180.5 })).toEqual([['lng', '经度']]);
    expect(await fieldsOf({ lat: 41.8 })).toEqual([['lng', '经度']]);
    expect(await fieldsOf({ lat: '41.8', lng: 123.47 }, 'en-US')).toEqual([['lat', 'Latitude']]);
    expect(await fieldsOf({ lat: -90.01, lng: 181 }, 'en-US')).toEqual([
      ['lat', 'Latitude'],
      ['lng', 'Longitude'],
    ]);
    expect((await household(s)).body.location).toBeNull();
    expect(await audits(s)).toEqual([]);
  });
});

describe('confirming the first home visit’s place', () => {
  it('the first home visit’s check-in is proposed unconfirmed; confirmed, it measures the next visit', async () => {
    const s = await subject();
    const first = await homeVisit(s, { lat: 41.8, lng: 123.47 }, '06');
    expect(first.status).toBe(201);
    expect(first.body.distanceMeters).toBeNull();
    expect((await household(s)).body.location).toEqual({
      lat: 41.8,
      lng: 123.47,
      source: 'first_visit',
      confirmed: false,
    });

    const res = await confirm(s);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ lat: 41.8, lng: 123.47, source: 'first_visit', confirmed: true });
    expect(await events(s)).toEqual([
      {
        kind: 'household.location_confirmed',
        actor_id: worker.user.id,
        detail: { lat: 41.8, lng: 123.47 },
      },
    ]);
    const titles = (await household(s, worker, 'en-US')).body.events.map(
      (e: { title: string }) => e.title,
    );
    expect(titles).toContain('First home visit’s location confirmed');
    expect(await audits(s)).toEqual([
      {
        action: 'household.location_confirm',
        user_id: worker.user.id,
        detail: { lat: 41.8, lng: 123.47, source: 'first_visit' },
      },
    ]);

    // confirmed once: again it answers the place and records nothing more
    const again = await confirm(s);
    expect(again.status).toBe(200);
    expect(again.body.confirmed).toBe(true);
    expect((await events(s)).length).toBe(1);

    const next = await homeVisit(s, { lat: 41.8009, lng: 123.47 }, '08');
    expect(next.body.distanceMeters).toBe(100);
    const detail = await call(t, worker, { method: 'GET', url: `/api/visits/${next.body.id}` });
    expect(detail.body.householdLocation).toEqual(res.body);
    expect(detail.body.checkIn).toMatchObject({ lat: 41.8009, lng: 123.47, accuracy: 15 });
  });

  it('answers 409 household.no_location_proposal when there is nothing to confirm', async () => {
    const s = await subject();
    const res = await confirm(s);
    expect(res.status).toBe(409);
    expect(res.body.error).toEqual({
      code: 'household.no_location_proposal',
      message: '该户没有待确认的首次入户定位，请在地图上标注位置',
    });
    const en = await confirm(s, worker, 'en-US');
    expect(en.body.error.message).toBe(
      'The household has no location from a first home visit to confirm: place it on the map',
    );
    expect(await events(s)).toEqual([]);
  });

  it('a place set on the map is already confirmed: confirming answers it as it is', async () => {
    const s = await subject();
    await place(s, { lat: 41.81, lng: 123.47 });
    const res = await confirm(s);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ lat: 41.81, lng: 123.47, source: 'map', confirmed: true });
    expect((await audits(s)).map((a) => a.action)).toEqual(['household.location_set']);
  });
});

describe('who may place a household', () => {
  it('the street officer of the street may; a community worker of another community and a sibling street officer find no household (404)', async () => {
    const s = await subject();
    await homeVisit(s, { lat: 41.8, lng: 123.47 }, '07');
    const other = await makeCommunity(t.db, { streetCode: street });
    const neighbour = await actorsFor(t).asCommunityWorker(other.code);
    const sibling = await actorsFor(t).asStreetOfficer(await makeStreet(t.db));
    for (const outsider of [neighbour, sibling]) {
      const set = await place(s, { lat: 41.81, lng: 123.47 }, outsider);
      expect(set.status).toBe(404);
      expect(set.body.error.code).toBe('household.not_found');
      expect((await confirm(s, outsider)).body.error.code).toBe('household.not_found');
    }
    expect((await household(s)).body.location).toMatchObject({ confirmed: false });

    const officer = await actorsFor(t).asStreetOfficer(street);
    expect((await confirm(s, officer)).status).toBe(200);
    expect((await place(s, { lat: 41.805, lng: 123.471 }, officer)).status).toBe(200);
  });

  it('a visitor and a district officer, who keep no household records, are refused (403)', async () => {
    const s = await subject();
    const visitor = await actorsFor(t).asVisitor(undefined, street);
    const officer = await actorsFor(t).asDistrictOfficer();
    for (const who of [visitor, officer]) {
      expect((await place(s, { lat: 41.81, lng: 123.47 }, who)).status).toBe(403);
      expect((await confirm(s, who)).status).toBe(403);
    }
  });

  it('an unknown household is not found', async () => {
    const res = await call(t, worker, {
      method: 'PUT',
      url: '/api/households/00000000-0000-4000-8000-000000000000/location',
      payload: { lat: 41.8, lng: 123.47 },
    });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('household.not_found');
  });
});
