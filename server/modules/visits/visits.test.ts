import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../db/client.ts';
import ExcelJS from '../../platform/excel/exceljs.ts';
import { abilityItems } from '../ability-assessments/contract.ts';
import { actorsFor, call, type Session } from '../../test/actors.ts';
import { makeCommunity, makeDistrict, makeStreet } from '../../test/factories.ts';
import { createTestApp, createTestClock, HOUR, type TestApp } from '../../test/harness.ts';
import { makeSubject } from '../../test/subject-factories.ts';

/*
 * The visit record (POST /api/visits) and what it is due against: assignments, the due rows of a
 * period, the trigger of a change to special, and the visitor's worklist.
 */

const clock = createTestClock(new Date('2026-03-10T02:00:00Z')); // Tuesday 10:00 in Shanghai
let t: TestApp;
let community: string;
let worker: Session;
let visitor: Session;
let officer: Session;
let district: string;

beforeAll(async () => {
  t = await createTestApp({ clock });
  district = (await makeDistrict(t.db)).code;
  const street = (await makeStreet(t.db, { districtCode: district })).code;
  community = (await makeCommunity(t.db, { streetCode: street })).code;
  worker = await actorsFor(t).asCommunityWorker(community);
  visitor = await actorsFor(t).asVisitor(undefined, street);
  officer = await actorsFor(t).asDistrictOfficer(district);
});
afterAll(async () => {
  await t?.close();
});

let keys = 0;
const key = () => `visit-test-key-${++keys}-${Date.now()}`;

const phoneVisit = (subjectId: string, over: Record<string, unknown> = {}) => ({
  subjectId,
  kind: 'phone',
  startedAt: '2026-03-10T09:30:00+08:00',
  endedAt: '2026-03-10T09:40:00+08:00',
  outcome: 'met',
  ...over,
});

async function record(session: Session, body: unknown, idempotencyKey = key()) {
  return call(t, session, {
    method: 'POST',
    url: '/api/visits',
    payload: body,
    headers: { 'idempotency-key': idempotencyKey },
  });
}

async function dues(subjectId: string) {
  return rows<{
    requirement: string;
    period: string | null;
    status: string;
    done: number;
    done_home: number;
    source: string;
    window_start: Date;
    window_end: Date;
  }>(
    t.db,
    sql`select requirement, period, status, done, done_home, source, window_start, window_end
      from visit_dues where subject_id = ${subjectId} order by window_start, requirement`,
  );
}

async function assign(subjectId: string, session: Session = visitor) {
  const res = await call(t, worker, {
    method: 'POST',
    url: '/api/assignments',
    payload: { visitorId: session.user.id, subjectIds: [subjectId] },
    headers: { 'idempotency-key': key() },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

describe('POST /api/visits', () => {
  it('takes a phone visit with the five fields and answers 201 with its id', async () => {
    const s = await makeSubject(t.db, t.ctx.sensitive, { divisionCode: community });
    const res = await record(worker, phoneVisit(s.id));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      subjectId: s.id,
      kind: 'phone',
      outcome: 'met',
      counts: true,
      durationMinutes: 10,
      visitorId: worker.user.id,
    });
    expect(res.body.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('stores the same visit sent three times once, and refuses the key with another body', async () => {
    const s = await makeSubject(t.db, t.ctx.sensitive, { divisionCode: community });
    const k = key();
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await record(worker, phoneVisit(s.id), k));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    const [stored] = await rows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from visits where subject_id = ${s.id}`,
    );
    expect(stored?.n).toBe(1);
    const other = await record(worker, phoneVisit(s.id, { outcome: 'not_home' }), k);
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('common.idempotency_mismatch');
  });

  it('finds a visit by its key after the replay store forgot it (a week offline)', async () => {
    const s = await makeSubject(t.db, t.ctx.sensitive, { divisionCode: community });
    const k = key();
    const first = await record(worker, phoneVisit(s.id), k);
    expect(first.status).toBe(201);
    await t.db.execute(sql`delete from idempotency_keys`);
    const again = await record(worker, phoneVisit(s.id), k);
    expect(again.status).toBe(201);
    // the visit read back is the one the write answered with (built from what its transaction held)
    expect(again.body).toEqual(first.body);
    const [stored] = await rows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from visits where subject_id = ${s.id}`,
    );
    expect(stored?.n).toBe(1);
  });

  it('refuses an end before the start, a visit in the future, and names the field', async () => {
    const s = await makeSubject(t.db, t.ctx.sensitive, { divisionCode: community });
    const backwards = await record(
      worker,
      phoneVisit(s.id, { endedAt: '2026-03-10T09:00:00+08:00' }),
    );
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.code).toBe('visit.ended_before_start');
    expect(backwards.body.error.fields[0].field).toBe('endedAt');
    const future = await record(worker, phoneVisit(s.id, { endedAt: '2026-03-10T12:00:00+08:00' }));
    expect(future.status).toBe(400);
    expect(future.body.error.code).toBe('visit.in_future');
    const bad = await record(worker, phoneVisit(s.id, { startedAt: 'yesterday', kind: 'letter' }));
    expect(bad.status).toBe(400);
    const fields = bad.body.error.fields.map((f: { field: string }) => f.field).sort();
    expect(fields).toEqual(['kind', 'startedAt']);
    expect(bad.body.error.message).toContain('开始时间');
  });

  it("refuses a child's items on an elder's visit", async () => {
    const s = await makeSubject(t.db, t.ctx.sensitive, { divisionCode: community });
    const res = await record(
      worker,
      phoneVisit(s.id, { assessment: { 'child.schooling': { status: 'normal' } } }),
    );
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0].field).toBe('assessment.child.schooling');
  });

  it('lets a visitor record only for the subjects assigned to them', async () => {
    const s = await makeSubject(t.db, t.ctx.sensitive, { divisionCode: community });
    const before = await record(visitor, phoneVisit(s.id));
    expect(before.status).toBe(404);
    expect(before.body.error.fields[0].field).toBe('subjectId');
    await assign(s.id);
    const after = await record(visitor, phoneVisit(s.id));
    expect(after.status, JSON.stringify(after.body)).toBe(201);
    const ledger = await call(t, visitor, { method: 'GET', url: '/api/visits' });
    expect(ledger.body.items.map((v: { id: string }) => v.id)).toContain(after.body.id);
    const elsewhere = await makeSubject(t.db, t.ctx.sensitive, { divisionCode: community });
    const other = await record(worker, phoneVisit(elsewhere.id));
    const seen = await call(t, visitor, { method: 'GET', url: `/api/visits/${other.body.id}` });
    expect(seen.status).toBe(404);
  });

  it('is recorded on the household timeline and in the audit log', async () => {
    const s = await makeSubject(t.db, t.ctx.sensitive, { divisionCode: community });
    const res = await record(worker, phoneVisit(s.id));
    const file = await call(t, worker, { method: 'GET', url: `/api/households/${s.householdId}` });
    expect(JSON.stringify(file.body.timeline ?? file.body)).toContain('visit.recorded');
    const [audited] = await rows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from audit_log where action = 'visit.record'
        and entity_id = ${res.body.id}`,
    );
    expect(audited?.n).toBe(1);
  });
});

describe('due visits', () => {
  it("counts a phone visit toward a regular subject's month, and the quarter waits for a home visit", async () => {
    const s = await makeSubject(t.db, t.ctx.sensitive, {
      divisionCode: community,
      careLevel: 'regular',
    });
    await assign(s.id);
    const owed = await dues(s.id);
    expect(owed.map((d) => [d.period, d.status])).toEqual([
      ['quarter', 'due'],
      ['month', 'due'],
    ]);
    await record(visitor, phoneVisit(s.id));
    const after = await dues(s.id);
    expect(after.find((d) => d.period === 'month')).toMatchObject({ status: 'done', done: 1 });
    expect(after.find((d) => d.period === 'quarter')).toMatchObject({ status: 'due', done: 0 });
    // not met: recorded, counts nothing
    const home = await record(visitor, phoneVisit(s.id, { kind: 'home', outcome: 'not_home' }));
    expect(home.body.counts).toBe(false);
    expect((await dues(s.id)).find((d) => d.period === 'quarter')?.status).toBe('due');
    await record(visitor, phoneVisit(s.id, { kind: 'home' }));
    expect((await dues(s.id)).find((d) => d.period === 'quarter')).toMatchObject({
      status: 'done',
      done_home: 1,
    });
  });

  it("puts a visit within 24 hours on the visitor's worklist when a subject becomes special", async () => {
    const s = await makeSubject(t.db, t.ctx.sensitive, {
      divisionCode: community,
      careLevel: 'key',
    });
    await assign(s.id);
    const set = await call(t, officer, {
      method: 'PUT',
      url: `/api/subjects/${s.id}/care-level`,
      payload: { level: 'special', reason: '独居且近期摔倒' },
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    const list = await call(t, visitor, { method: 'GET', url: '/api/visits/worklist' });
    expect(list.status).toBe(200);
    const mine = list.body.items.filter((i: { subjectId: string }) => i.subjectId === s.id);
    const trigger = mine.find((i: { source: string }) => i.source === 'trigger');
    expect(trigger).toMatchObject({ bucket: 'today', careLevel: 'special', status: 'due' });
    expect(Date.parse(trigger.dueBy) - clock.now().getTime()).toBe(24 * HOUR);
    // the weekly requirement of special replaced the monthly one of key
    expect(mine.map((i: { period: string | null }) => i.period).sort()).toEqual(
      ['week', null].sort(),
    );
    // the trigger comes first: highest risk
    expect(list.body.items[0].source).toBe('trigger');
  });

  it('owes a home visit within 24 hours after an emergency', async () => {
    const s = await makeSubject(t.db, t.ctx.sensitive, { divisionCode: community });
    await assign(s.id);
    const recorded = await call(t, worker, {
      method: 'POST',
      url: '/api/emergencies',
      payload: {
        subjectId: s.id,
        kind: 'fall',
        whatHappened: '在家中跌倒，邻居发现',
        occurredAt: '2026-03-10T09:00:00+08:00',
      },
      headers: { 'idempotency-key': key() },
    });
    expect(recorded.status, JSON.stringify(recorded.body)).toBe(201);
    const list = await call(t, visitor, { method: 'GET', url: '/api/visits/worklist' });
    const trigger = list.body.items.find(
      (i: { subjectId: string; source: string }) => i.subjectId === s.id && i.source === 'trigger',
    );
    expect(trigger).toMatchObject({ bucket: 'today', requiredHome: 1 });
  });

  it('moves what is due with the subjects when a visitor hands over', async () => {
    const s = await makeSubject(t.db, t.ctx.sensitive, { divisionCode: community });
    const leaving = await actorsFor(t).asVisitor(undefined, community);
    const taking = await actorsFor(t).asVisitor(undefined, community);
    await assign(s.id, leaving);
    const handed = await call(t, worker, {
      method: 'POST',
      url: '/api/assignments/hand-over',
      payload: { fromVisitorId: leaving.user.id, toVisitorId: taking.user.id },
      headers: { 'idempotency-key': key() },
    });
    expect(handed.status, JSON.stringify(handed.body)).toBe(200);
    expect(handed.body.assigned).toBe(1);
    const gone = await call(t, leaving, { method: 'GET', url: '/api/visits/worklist' });
    expect(gone.body.items).toHaveLength(0);
    const got = await call(t, taking, { method: 'GET', url: '/api/visits/worklist' });
    expect(got.body.items.map((i: { subjectId: string }) => i.subjectId)).toContain(s.id);
    const visitors = await call(t, worker, { method: 'GET', url: '/api/visitors' });
    const row = visitors.body.items.find((v: { id: string }) => v.id === taking.user.id);
    expect(row).toMatchObject({ caseload: 1 });
  });

  it('orders a worklist by risk, then by distance from where the visitor stands', async () => {
    const far = await makeSubject(t.db, t.ctx.sensitive, {
      divisionCode: community,
      careLevel: 'key',
    });
    const near = await makeSubject(t.db, t.ctx.sensitive, {
      divisionCode: community,
      careLevel: 'key',
    });
    const unplaced = await makeSubject(t.db, t.ctx.sensitive, {
      divisionCode: community,
      careLevel: 'key',
    });
    const mover = await actorsFor(t).asVisitor(undefined, community);
    for (const s of [far, near, unplaced]) await assign(s.id, mover);
    for (const [s, lat] of [
      [far, 41.83],
      [near, 41.801],
    ] as const)
      await call(t, worker, {
        method: 'PUT',
        url: `/api/households/${s.householdId}/location`,
        payload: { lat, lng: 123.47 },
      });
    const list = await call(t, mover, {
      method: 'GET',
      url: '/api/visits/worklist',
      query: { lat: '41.8', lng: '123.47' },
    });
    expect(list.status, JSON.stringify(list.body)).toBe(200);
    const order = (list.body.items as { subjectId: string; distanceMeters: number | null }[]).map(
      (i) => [i.subjectId, i.distanceMeters],
    );
    expect(order.map(([id]) => id)).toEqual([near.id, far.id, unplaced.id]);
    expect(order[0]?.[1]).toBe(111);
    expect(order[2]?.[1]).toBeNull();
    // without a position: no distances; half a position: refused, naming the missing half
    const plain = await call(t, mover, { method: 'GET', url: '/api/visits/worklist' });
    expect(plain.body.items.every((i: { distanceMeters: null }) => i.distanceMeters === null)).toBe(
      true,
    );
    const half = await call(t, mover, {
      method: 'GET',
      url: '/api/visits/worklist',
      query: { lat: '41.8' },
    });
    expect(half.status).toBe(400);
    expect(half.body.error.fields[0].field).toBe('lng');
  });

  it('refuses a visitor from outside the area', async () => {
    const s = await makeSubject(t.db, t.ctx.sensitive, { divisionCode: community });
    const otherCommunity = (await makeCommunity(t.db, {})).code;
    const far = await actorsFor(t).asVisitor(undefined, otherCommunity);
    const res = await call(t, worker, {
      method: 'POST',
      url: '/api/assignments',
      payload: { visitorId: far.user.id, subjectIds: [s.id] },
      headers: { 'idempotency-key': key() },
    });
    expect(res.status).toBe(404);
    expect(res.body.error.fields[0].field).toBe('visitorId');
  });
});

describe('the monthly visit rate', () => {
  it('counts, per street and level, the subjects in care visited in the month', async () => {
    const street = (await makeStreet(t.db, { districtCode: district })).code;
    const here = (await makeCommunity(t.db, { streetCode: street })).code;
    const local = await actorsFor(t).asCommunityWorker(here);
    const [visited, home, missed] = await Promise.all([
      makeSubject(t.db, t.ctx.sensitive, { divisionCode: here, careLevel: 'regular' }),
      makeSubject(t.db, t.ctx.sensitive, { divisionCode: here, careLevel: 'key' }),
      makeSubject(t.db, t.ctx.sensitive, { divisionCode: here, careLevel: 'key' }),
    ]);
    // on the roster since January (the factory enrols on the real day before; the app's clock is in March)
    await t.db.execute(
      sql`update subjects set created_at = '2026-01-01T00:00:00+08:00'
        where id in (${visited.id}, ${home.id}, ${missed.id})`,
    );
    await record(local, phoneVisit(visited.id));
    await record(local, phoneVisit(home.id, { kind: 'home' }));
    await record(local, phoneVisit(missed.id, { kind: 'home', outcome: 'not_home' }));
    // last month's visit is not this month's
    await record(
      local,
      phoneVisit(missed.id, {
        kind: 'home',
        startedAt: '2026-02-27T10:00:00+08:00',
        endedAt: '2026-02-27T10:30:00+08:00',
      }),
    );
    const res = await call(t, officer, {
      method: 'GET',
      url: `/api/visits/rate?month=2026-03&divisionCode=${district}`,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const row = res.body.rows.find((r: { divisionCode: string }) => r.divisionCode === street);
    expect(row.levels.regular).toEqual({ covered: 1, visited: 1, homeVisited: 0, rate: 1 });
    expect(row.levels.key).toEqual({ covered: 2, visited: 1, homeVisited: 1, rate: 0.5 });
    expect(row.all).toMatchObject({ covered: 3, visited: 2 });
    const february = await call(t, officer, {
      method: 'GET',
      url: `/api/visits/rate?month=2026-02&divisionCode=${street}`,
    });
    const byCommunity = february.body.rows.find(
      (r: { divisionCode: string }) => r.divisionCode === here,
    );
    expect(byCommunity.levels.key).toMatchObject({ covered: 2, visited: 1 });
    const bad = await call(t, officer, { method: 'GET', url: '/api/visits/rate?month=2026-13' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].field).toBe('month');
  });
});

describe('the ledger export', () => {
  it('writes the filtered visits, masked and watermarked, and audits it', async () => {
    const s = await makeSubject(t.db, t.ctx.sensitive, { divisionCode: community, name: '王导出' });
    await record(worker, phoneVisit(s.id, { note: '老人精神很好' }));
    const res = await call(t, worker, {
      method: 'POST',
      url: '/api/visits/export',
      payload: { subjectId: s.id },
    });
    expect(res.status).toBe(200);
    expect(res.res.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.res.rawPayload as never);
    const sheet = book.worksheets[0];
    expect(sheet?.getRow(1).getCell(4).value).toBe('服务对象');
    expect(sheet?.getRow(2).getCell(4).value).toBe('王导出');
    expect(sheet?.getRow(2).getCell(7).value).toBe(s.divisionCode);
    expect(sheet?.getRow(2).getCell(9).value).toBe('电话探访');
    expect(sheet?.getRow(2).getCell(17).value).toBe('老人精神很好');
    // every value stands under its header
    const header = sheet?.getRow(1).values as unknown[];
    expect(header.slice(7, 11)).toEqual(['区划代码', '巡访员', '巡访方式', '巡访结果']);
    expect(sheet?.getRow(2).cellCount).toBe(sheet?.getRow(1).cellCount);
    expect(sheet?.rowCount).toBe(2);
    expect(String(book.subject)).toContain(worker.user.username);
    const [audited] = await rows<{ detail: { rows: number } }>(
      t.db,
      sql`select detail from audit_log where action = 'visit.export' order by id desc limit 1`,
    );
    expect(audited?.detail.rows).toBe(1);
  });
});

describe('evidence review', () => {
  it('flags a short home visit without a position, and a reviewer returns it so it no longer counts', async () => {
    const s = await makeSubject(t.db, t.ctx.sensitive, {
      divisionCode: community,
      careLevel: 'key',
    });
    await assign(s.id);
    const short = await record(
      visitor,
      phoneVisit(s.id, {
        kind: 'home',
        startedAt: '2026-03-10T06:30:00+08:00',
        endedAt: '2026-03-10T06:33:00+08:00',
      }),
    );
    expect(short.status).toBe(201);
    expect(short.body).toMatchObject({ review: 'flagged' });
    expect(short.body.flags.sort()).toEqual(['no_position', 'too_short']);
    expect((await dues(s.id))[0]?.status).toBe('done');
    const queue = await call(t, officer, { method: 'GET', url: '/api/visits?review=flagged' });
    expect(queue.body.items.map((v: { id: string }) => v.id)).toContain(short.body.id);
    const reviewer = await actorsFor(t).as('reviewer', district);
    const noReason = await call(t, reviewer, {
      method: 'POST',
      url: `/api/visits/${short.body.id}/review`,
      payload: { decision: 'return' },
      headers: { 'idempotency-key': key() },
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.fields[0].field).toBe('reason');
    const returned = await call(t, reviewer, {
      method: 'POST',
      url: `/api/visits/${short.body.id}/review`,
      payload: { decision: 'return', reason: '入户仅 3 分钟，请补充说明' },
      headers: { 'idempotency-key': key() },
    });
    expect(returned.status, JSON.stringify(returned.body)).toBe(200);
    expect(returned.body).toMatchObject({
      review: 'returned',
      reviewNote: '入户仅 3 分钟，请补充说明',
      counts: false,
    });
    expect((await dues(s.id))[0]?.status).toBe('due');
    const again = await call(t, reviewer, {
      method: 'POST',
      url: `/api/visits/${short.body.id}/review`,
      payload: { decision: 'accept' },
      headers: { 'idempotency-key': key() },
    });
    expect(again.status).toBe(409);
  });

  it('measures the distance once the household is placed, and flags a check-in too far away', async () => {
    const s = await makeSubject(t.db, t.ctx.sensitive, { divisionCode: community });
    const at = (lat: number, lng: number) => ({
      lat,
      lng,
      accuracy: 20,
      at: '2026-03-10T09:30:00+08:00',
    });
    const first = await record(
      worker,
      phoneVisit(s.id, {
        kind: 'home',
        endedAt: '2026-03-10T10:00:00+08:00',
        checkIn: at(41.8, 123.47),
      }),
    );
    // the first home visit proposes the place; unconfirmed, it measures nothing
    expect(first.body).toMatchObject({ distanceMeters: null, flags: [], review: 'none' });
    await t.db.execute(
      sql`update households set location_confirmed = true where id = ${s.householdId}`,
    );
    const far = await record(
      worker,
      phoneVisit(s.id, {
        kind: 'home',
        startedAt: '2026-03-10T07:40:00+08:00',
        endedAt: '2026-03-10T08:10:00+08:00',
        checkIn: at(41.81, 123.47),
      }),
    );
    expect(far.body.distanceMeters).toBeGreaterThan(1000);
    expect(far.body.flags).toEqual(['too_far']);
  });
});

describe('an ability assessment on a visit', () => {
  const answers = (score: (max: number) => number) =>
    Object.fromEntries(abilityItems.map((i) => [i.code, score(i.max)]));

  it('is scored and kept with the visit, and suggests a higher care level for a person to confirm', async () => {
    const s = await makeSubject(t.db, t.ctx.sensitive, {
      divisionCode: community,
      careLevel: 'regular',
    });
    // every item one below its highest (B.3.7 and B.3.8 go to 0): 90 − 26 = 64, moderate loss
    const res = await record(
      worker,
      phoneVisit(s.id, {
        kind: 'home',
        startedAt: '2026-03-10T05:00:00+08:00',
        endedAt: '2026-03-10T05:40:00+08:00',
        gpsIssue: 'no_signal',
        ability: { answers: answers((max) => max - 1) },
      }),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.ability).toMatchObject({
      total: 64,
      preliminaryLevel: 2,
      finalLevel: 2,
      suggestedCareLevel: 'key',
    });
    const again = await call(t, worker, { method: 'GET', url: `/api/visits/${res.body.id}` });
    expect(again.body.ability.total).toBe(64);
    const file = await call(t, worker, { method: 'GET', url: `/api/households/${s.householdId}` });
    expect(JSON.stringify(file.body)).toContain('visit.ability_assessed');
  });

  it('suggests nothing when the level already is as high, and names a disallowed item', async () => {
    const s = await makeSubject(t.db, t.ctx.sensitive, {
      divisionCode: community,
      careLevel: 'special',
    });
    const whole = await record(
      worker,
      phoneVisit(s.id, { ability: { answers: answers(() => 0), coma: true } }),
    );
    expect(whole.body.ability).toMatchObject({ finalLevel: 4, suggestedCareLevel: null });
    const bad = await record(
      worker,
      phoneVisit(s.id, { ability: { answers: { ...answers(() => 1), 'B.2.4': 4 } } }),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: { field: string }) => f.field)).toContain(
      'ability.answers.B.2.4',
    );
    const child = await makeSubject(t.db, t.ctx.sensitive, {
      divisionCode: community,
      kind: 'child',
    });
    const refused = await record(
      worker,
      phoneVisit(child.id, { ability: { answers: answers(() => 1) } }),
    );
    expect(refused.status).toBe(400);
    expect(refused.body.error.fields[0].field).toBe('ability');
  });
});
