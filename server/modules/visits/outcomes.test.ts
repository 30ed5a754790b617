import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../db/client.ts';
import { actorsFor, call, type Session } from '../../test/actors.ts';
import { makeCommunity, makeDistrict, makeStreet } from '../../test/factories.ts';
import { createTestApp, createTestClock, type TestApp } from '../../test/harness.ts';
import { makeSubject } from '../../test/subject-factories.ts';

/*
 * A visit that finds the person dead or moved away proposes their removal from the roster in the
 * visitor's name; what is due is excused once the street approves it, not before.
 */

const clock = createTestClock(new Date('2026-03-10T02:00:00Z'));
let t: TestApp;
let community: string;
let worker: Session;
let visitor: Session;
let officer: Session;

beforeAll(async () => {
  t = await createTestApp({ clock });
  const district = (await makeDistrict(t.db)).code;
  const street = (await makeStreet(t.db, { districtCode: district })).code;
  community = (await makeCommunity(t.db, { streetCode: street })).code;
  worker = await actorsFor(t).asCommunityWorker(community);
  visitor = await actorsFor(t).asVisitor(undefined, street);
  officer = await actorsFor(t).asStreetOfficer(street);
});
afterAll(async () => {
  await t?.close();
});

let keys = 0;
const key = () => `outcome-test-${++keys}-${Date.now()}`;

async function assignedSubject() {
  const s = await makeSubject(t.db, t.ctx.sensitive, { divisionCode: community, careLevel: 'key' });
  const res = await call(t, worker, {
    method: 'POST',
    url: '/api/assignments',
    payload: { visitorId: visitor.user.id, subjectIds: [s.id] },
    headers: { 'idempotency-key': key() },
  });
  expect(res.status).toBe(200);
  return s;
}

const visit = (subjectId: string, outcome: string, note?: string) =>
  call(t, visitor, {
    method: 'POST',
    url: '/api/visits',
    headers: { 'idempotency-key': key() },
    payload: {
      subjectId,
      kind: 'home',
      startedAt: '2026-03-10T09:00:00+08:00',
      endedAt: '2026-03-10T09:20:00+08:00',
      outcome,
      gpsIssue: 'no_signal',
      ...(note ? { note } : {}),
    },
  });

const entriesOf = (subjectId: string) =>
  rows<{
    month: string;
    status: string;
    action: string;
    removal_reason: string;
    removal_note: string | null;
    created_by: string;
  }>(
    t.db,
    sql`select r.month, r.status, e.action, e.removal_reason, e.removal_note, e.created_by
      from roster_entries e join roster_rounds r on r.id = e.round_id
      where e.subject_id = ${subjectId} order by r.month`,
  );

const dueStatuses = async (subjectId: string) =>
  (
    await rows<{ status: string }>(
      t.db,
      sql`select status from visit_dues where subject_id = ${subjectId} order by window_start`,
    )
  ).map((d) => d.status);

describe('a visit that finds the person dead or moved away', () => {
  it('proposes the removal in the visitor’s name; the street’s approval excuses what is due', async () => {
    const s = await assignedSubject();
    const note = '邻居告知老人已于 3 月 8 日去世';
    const res = await visit(s.id, 'deceased', note);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ outcome: 'deceased', counts: false });
    expect(await entriesOf(s.id)).toEqual([
      {
        month: '2026-03',
        status: 'open',
        action: 'remove',
        removal_reason: 'death',
        removal_note: note,
        created_by: visitor.user.id,
      },
    ]);
    // reported twice (a second visit): still one proposal
    expect((await visit(s.id, 'deceased')).status).toBe(201);
    expect(await entriesOf(s.id)).toHaveLength(1);
    // not yet approved: still due
    expect(await dueStatuses(s.id)).toEqual(['due']);

    const [round] = await rows<{ id: string }>(
      t.db,
      sql`select e.round_id as id from roster_entries e where e.subject_id = ${s.id}`,
    );
    const submitted = await call(t, worker, {
      method: 'POST',
      url: `/api/roster-rounds/${round?.id}/submit`,
    });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    const approved = await call(t, officer, {
      method: 'POST',
      url: `/api/roster-rounds/${round?.id}/approve`,
    });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(await dueStatuses(s.id)).toEqual(['excused']);
  });

  it('goes into the next round when the street is reviewing this one, and a visitor may not propose by hand', async () => {
    const first = await assignedSubject();
    expect((await visit(first.id, 'moved', '已搬去外地与子女同住')).status).toBe(201);
    const [round] = await rows<{ id: string }>(
      t.db,
      sql`select e.round_id as id from roster_entries e where e.subject_id = ${first.id}`,
    );
    await call(t, worker, { method: 'POST', url: `/api/roster-rounds/${round?.id}/submit` });

    const second = await assignedSubject();
    const res = await visit(second.id, 'moved');
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(await entriesOf(second.id)).toMatchObject([
      { month: '2026-04', status: 'open', action: 'remove', removal_reason: 'moved' },
    ]);
    // the report with a visit is the one change a visitor proposes
    const byHand = await call(t, visitor, {
      method: 'POST',
      url: '/api/roster-rounds/removals',
      payload: { subjectId: second.id, removalReason: 'moved' },
    });
    expect(byHand.status).toBe(403);
    // not at home proposes nothing
    const third = await assignedSubject();
    expect((await visit(third.id, 'not_home')).status).toBe(201);
    expect(await entriesOf(third.id)).toEqual([]);
  });
});
