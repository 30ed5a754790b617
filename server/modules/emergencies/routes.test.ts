import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../db/client.ts';
import { reaches } from '../../platform/events/hub.ts';
import type { Permission } from '../../platform/contract/permissions.ts';
import { actorsFor, call, type Session } from '../../test/actors.ts';
import { makeCommunity, makeDistrict, makeOrganisation, makeStreet } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { makeSubject, type TestSubject } from '../../test/subject-factories.ts';

/*
 * Emergencies (V10): recorded by hand or on a visit for a subject of the caller's scope, with the
 * calls made; pushed at once to whoever handles emergencies in the street and the district (and to
 * nobody else), taken by one of them (a second taker is refused), closed with its outcome; every
 * step on the household timeline and in the audit log.
 */

let t: TestApp;
let district: string;
let street: string;
let community: string;
let worker: Session;
let officer: Session;
let districtOfficer: Session;
let siblingOfficer: Session;
let visitor: Session;
let subject: TestSubject;
let assigned: TestSubject;

beforeAll(async () => {
  t = await createTestApp();
  district = (await makeDistrict(t.db)).code;
  street = (await makeStreet(t.db, { districtCode: district })).code;
  community = (await makeCommunity(t.db, { streetCode: street })).code;
  const sibling = (await makeStreet(t.db, { districtCode: district })).code;
  const as = actorsFor(t);
  worker = await as.asCommunityWorker(community);
  officer = await as.asStreetOfficer(street);
  districtOfficer = await as.asDistrictOfficer(district);
  siblingOfficer = await as.asStreetOfficer(sibling);
  const org = await makeOrganisation(t.db, { kind: 'service_org', divisionCode: district });
  visitor = await as.asVisitor(org, street);
  subject = await makeSubject(t.db, t.ctx.sensitive, { divisionCode: community, name: '郭桂兰' });
  assigned = await makeSubject(t.db, t.ctx.sensitive, {
    divisionCode: community,
    name: '韩志强',
    assignTo: visitor.user.id,
  });
});
afterAll(async () => {
  await t?.close();
});

// the app's clock stands still in tests: times are taken from it, not from the wall clock
const minutesAgo = (m: number) => new Date(t.clock.now().getTime() - m * 60_000).toISOString();

const record = (as: Session, body: Record<string, unknown>, headers?: Record<string, string>) =>
  call(t, as, {
    method: 'POST',
    url: '/api/emergencies',
    payload: body,
    ...(headers ? { headers } : {}),
  });
const act = (as: Session, id: string, verb: string, body: unknown = {}) =>
  call(t, as, { method: 'POST', url: `/api/emergencies/${id}/${verb}`, payload: body });
const get = (as: Session, id: string) =>
  call(t, as, { method: 'GET', url: `/api/emergencies/${id}` });

const fall = (subjectId: string) => ({
  subjectId,
  kind: 'fall',
  whatHappened: '探访时发现老人在卫生间跌倒，意识清醒，右腿疼痛',
  occurredAt: minutesAgo(20),
  calls: [
    { party: '120', calledAt: minutesAgo(18), reached: true, note: '救护车十分钟到' },
    { party: 'relative', calledAt: minutesAgo(15), reached: false },
  ],
  actionsTaken: '未挪动老人，保暖，等待急救',
});

type EventRow = Parameters<typeof reaches>[1];
async function eventsOf(id: string): Promise<EventRow[]> {
  return rows<EventRow>(
    t.db,
    sql`select id, type, division_code as "divisionCode", organisation_id as "organisationId", permission, entity, entity_id as "entityId", actor_id as "actorId", recipient_id as "recipientId", data, created_at as "createdAt" from live_events where entity_id = ${id} order by id`,
  );
}

/** A receiver as the event hub sees one: the session's user, role, scope and permissions. */
function receiver(s: Session, permissions: Permission[]) {
  return {
    userId: s.user.id,
    role: s.user.role,
    permissions: new Set(permissions),
    scope: { divisionCode: s.user.divisionCode, organisationId: s.user.organisationId ?? null },
    sessionId: 's',
  };
}
const handler: Permission[] = ['emergency.read', 'emergency.record', 'emergency.handle'];
const recorder: Permission[] = ['emergency.read', 'emergency.record'];

async function timelineOf(id: string) {
  return rows<{ kind: string; subject_id: string }>(
    t.db,
    sql`select kind, subject_id from household_events where ref_id = ${id} order by id`,
  );
}
async function auditOf(id: string) {
  return rows<{ action: string; username: string }>(
    t.db,
    sql`select action, username from audit_log where entity_id = ${id} order by id`,
  );
}

describe('recording an emergency', () => {
  let id: string;

  it('records one by hand with its calls, open, on the household timeline and in the audit log', async () => {
    const res = await record(worker, fall(subject.id));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    id = res.body.id;
    expect(res.body).toMatchObject({
      subjectId: subject.id,
      subjectName: '郭桂兰',
      householdId: subject.householdId,
      divisionCode: subject.divisionCode,
      source: 'manual',
      visitId: null,
      kind: 'fall',
      status: 'open',
      actionsTaken: '未挪动老人，保暖，等待急救',
      reportedBy: { id: worker.user.id },
      takenBy: null,
      allowedActions: ['call'],
    });
    expect(res.body.calls.map((c: { party: string }) => c.party)).toEqual(['120', 'relative']);
    expect(res.body.calls[0]).toMatchObject({ reached: true, note: '救护车十分钟到' });
    expect(await timelineOf(id)).toEqual([{ kind: 'emergency.opened', subject_id: subject.id }]);
    expect(await auditOf(id)).toEqual([
      { action: 'emergency.record', username: worker.user.username },
    ]);
  });

  it('pushes it to the street and the district who handle emergencies, and to nobody else', async () => {
    const [event, ...more] = await eventsOf(id);
    expect(more).toEqual([]);
    expect(event).toMatchObject({
      type: 'emergency.opened',
      divisionCode: subject.divisionCode,
      permission: 'emergency.handle',
      entity: 'emergency',
      actorId: worker.user.id,
    });
    const e = event as EventRow;
    expect(reaches(receiver(officer, handler), e)).toBe(true);
    expect(reaches(receiver(districtOfficer, handler), e)).toBe(true);
    expect(reaches(receiver(siblingOfficer, handler), e)).toBe(false);
    // the community worker records but does not handle; and the one who recorded is not told
    expect(reaches(receiver(worker, recorder), e)).toBe(false);
  });

  it('is from a visit when a visit id is given', async () => {
    const visitId = '0b8a3f8e-6a52-4bb9-9d89-2f0f3c0b1a11';
    const res = await record(worker, { ...fall(subject.id), calls: [], visitId });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ source: 'visit', visitId, calls: [] });
  });

  it('refuses a body without its fields, naming each in Chinese', async () => {
    const res = await record(worker, { calls: [{ party: '999' }] });
    expect(res.status).toBe(400);
    const fields = res.body.error.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(
      expect.arrayContaining(['subjectId', 'kind', 'whatHappened', 'occurredAt', 'calls.0.party']),
    );
    const messages = res.body.error.fields.map((f: { message: string }) => f.message).join(' ');
    for (const label of ['服务对象', '事件类型', '事件经过', '发生时间', '联系对象'])
      expect(messages).toContain(label);
  });

  it('refuses a time in the future, naming the field', async () => {
    const later = new Date(t.clock.now().getTime() + 3_600_000).toISOString();
    const res = await record(worker, { ...fall(subject.id), occurredAt: later });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual([
      {
        field: 'occurredAt',
        code: 'emergency.occurred_in_future',
        message: expect.stringMatching(/^发生时间/),
      },
    ]);
    const call = await record(worker, {
      ...fall(subject.id),
      calls: [{ party: '110', calledAt: later, reached: true }],
    });
    expect(call.status).toBe(400);
    expect(call.body.error.fields[0]).toMatchObject({
      field: 'calls.0.calledAt',
      code: 'emergency.called_in_future',
    });
  });

  it('answers 404 for a subject outside the caller’s scope, and writes nothing', async () => {
    const res = await record(siblingOfficer, fall(subject.id));
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('subject.not_found');
    expect(res.body.error.fields[0].field).toBe('subjectId');
    expect((await get(siblingOfficer, id)).status).toBe(404);
    expect((await act(siblingOfficer, id, 'take')).status).toBe(404);
  });

  it('lets a visitor record for a subject assigned to them only, and see only their own', async () => {
    expect((await record(visitor, fall(subject.id))).status).toBe(404);
    const mine = await record(visitor, fall(assigned.id));
    expect(mine.status).toBe(201);
    const list = await call(t, visitor, { method: 'GET', url: '/api/emergencies' });
    expect(list.body.items.map((e: { id: string }) => e.id)).toEqual([mine.body.id]);
    expect((await get(visitor, id)).status).toBe(404);
  });

  it('stores a retry with the same Idempotency-Key once, answering the first answer', async () => {
    const headers = { 'idempotency-key': 'emergency-retry-0001' };
    const body = { ...fall(subject.id), kind: 'gas', whatHappened: '闻到燃气味，已开窗' };
    const first = await record(worker, body, headers);
    const again = await record(worker, body, headers);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    const [found] = await rows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from emergencies where kind = 'gas'`,
    );
    expect(found?.n).toBe(1);
    expect(await eventsOf(first.body.id)).toHaveLength(1);
  });
});

describe('handling an emergency', () => {
  let id: string;

  beforeAll(async () => {
    id = (await record(worker, { ...fall(subject.id), calls: [] })).body.id;
  });

  it('is listed open for the street, which may take it', async () => {
    const list = await call(t, officer, {
      method: 'GET',
      url: '/api/emergencies',
      query: { status: 'open' },
    });
    const found = list.body.items.find((e: { id: string }) => e.id === id);
    expect(found).toMatchObject({ status: 'open', allowedActions: ['take', 'call'] });
    const sibling = await call(t, siblingOfficer, { method: 'GET', url: '/api/emergencies' });
    expect(sibling.body.total).toBe(0);
  });

  it('reads the detail in the audit log', async () => {
    const res = await get(officer, id);
    expect(res.status).toBe(200);
    expect((await auditOf(id)).map((a) => a.action)).toContain('emergency.view');
  });

  it('refuses closing before anyone took it', async () => {
    const res = await act(officer, id, 'close', { outcome: '已送医' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('emergency.not_allowed');
  });

  it('is taken by one of two who take it at once; the other is told who', async () => {
    const [a, b] = await Promise.all([act(officer, id, 'take'), act(districtOfficer, id, 'take')]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual([200, 409]);
    const lost = a.status === 409 ? a : b;
    const won = a.status === 200 ? a : b;
    expect(lost.body.error.code).toBe('emergency.already_taken');
    expect(lost.body.error.message).toContain(won.body.takenBy.name);
    expect(won.body).toMatchObject({ status: 'taken', version: 2 });
    // whoever took it asking again is answered as it is
    const winner = won === a ? officer : districtOfficer;
    expect((await act(winner, id, 'take')).status).toBe(200);
    const taken = (await eventsOf(id)).filter((e) => e.type === 'emergency.taken');
    expect(taken).toHaveLength(1);
  });

  it('logs a call while it is handled', async () => {
    const res = await act(worker, id, 'calls', {
      party: 'guardian',
      calledAt: minutesAgo(1),
      reached: true,
      note: '女儿已赶往医院',
    });
    expect(res.status).toBe(201);
    expect(res.body.calls).toMatchObject([{ party: 'guardian', reached: true }]);
  });

  it('requires the outcome to close it, naming the field', async () => {
    const res = await act(officer, id, 'close', {});
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual([
      expect.objectContaining({ field: 'outcome', message: expect.stringContaining('处置结果') }),
    ]);
    // a community worker may record but not close
    expect((await act(worker, id, 'close', { outcome: '已送医' })).status).toBe(403);
  });

  it('closes it with the outcome: on the timeline, in the audit log, pushed', async () => {
    const res = await act(officer, id, 'close', { outcome: '已送医院，右腿骨裂，家属陪护' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      status: 'closed',
      outcome: '已送医院，右腿骨裂，家属陪护',
      closedBy: { id: officer.user.id },
      allowedActions: [],
    });
    expect((await timelineOf(id)).map((r) => r.kind)).toEqual([
      'emergency.opened',
      'emergency.taken',
      'emergency.closed',
    ]);
    const actions = (await auditOf(id)).map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'emergency.record',
        'emergency.take',
        'emergency.call',
        'emergency.close',
      ]),
    );
    expect((await eventsOf(id)).map((e) => e.type)).toEqual([
      'emergency.opened',
      'emergency.taken',
      'emergency.closed',
    ]);
    expect(
      (await act(officer, id, 'calls', { party: '110', calledAt: minutesAgo(0), reached: true }))
        .status,
    ).toBe(409);
  });

  it('shows on the household file’s timeline, named in the caller’s language', async () => {
    const file = await call(t, officer, {
      method: 'GET',
      url: `/api/households/${subject.householdId}`,
    });
    expect(file.status).toBe(200);
    expect(JSON.stringify(file.body)).toContain('应急事件已办结');
  });
});
