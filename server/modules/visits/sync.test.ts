import { gunzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../db/client.ts';
import { shanghaiDate } from '../../platform/calendar/dates.ts';
import { actorsFor, call, type Session } from '../../test/actors.ts';
import { makeCommunity, makeDistrict, makeStreet } from '../../test/factories.ts';
import { createTestApp, createTestClock, type TestApp } from '../../test/harness.ts';
import { makeSubject, uniqueIdNumber } from '../../test/subject-factories.ts';
import { enrolSubjects, removeSubject } from '../subjects/service.ts';
import { recordPastVisits, type PastVisit } from './service.ts';
import { OVERLAP_MS } from './service/sync.ts';

/*
 * GET /api/visits/sync, the field app's store: a first sync (paged), deltas since a cursor, what
 * left the caseload, a cursor refused, only visitors, and the size of a 500-subject first sync.
 */

// the app's clock starts now: the factories stamp what they enrol a day before the real time
const clock = createTestClock(new Date());
let t: TestApp;
let community: string;
let worker: Session;

beforeAll(async () => {
  // the clock moves past the sync's overlap several times: sessions must outlive it
  t = await createTestApp({ clock, env: { SESSION_IDLE_MINUTES: '600' } });
  const district = (await makeDistrict(t.db)).code;
  const street = (await makeStreet(t.db, { districtCode: district })).code;
  community = (await makeCommunity(t.db, { streetCode: street })).code;
  worker = await actorsFor(t).asCommunityWorker(community);
});
afterAll(async () => {
  await t?.close();
});

let keys = 0;
const key = () => `sync-test-key-${++keys}-${Date.now()}`;
const newVisitor = () => actorsFor(t).asVisitor(undefined, community);

/** Past the overlap: what was written before lies behind the next cursor's moment. */
const settle = () => clock.advance(OVERLAP_MS + 60_000);

async function sync(session: Session, query: Record<string, string> = {}) {
  return call(t, session, { method: 'GET', url: '/api/visits/sync', query });
}

async function syncOk(session: Session, query: Record<string, string> = {}) {
  const res = await sync(session, query);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as {
    cursor: string;
    more: boolean;
    subjects: ({ id: string } & Record<string, unknown>)[];
    removed: string[];
  };
}

const idsOf = (answer: { subjects: { id: string }[] }) => answer.subjects.map((s) => s.id).sort();

async function post(url: string, payload: unknown) {
  const res = await call(t, worker, {
    method: 'POST',
    url,
    payload,
    headers: { 'idempotency-key': key() },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

const assign = (subjectIds: string[], visitor: Session) =>
  post('/api/assignments', { visitorId: visitor.user.id, subjectIds });

async function subjectsFor(visitor: Session, n: number) {
  const made = [];
  for (let i = 0; i < n; i++)
    made.push(
      await makeSubject(t.db, t.ctx.sensitive, {
        divisionCode: community,
        mobile: `1390000${String(1000 + keys * 10 + i).slice(-4)}`,
        address: `沈阳市大东区同步路${i + 1}号2-1-1`,
        contacts: [{ name: '李明', relation: 'child', isEmergency: true, phone: '13812345678' }],
      }),
    );
  await assign(
    made.map((s) => s.id),
    visitor,
  );
  return made;
}

async function recordPhoneVisit(visitor: Session, subjectId: string) {
  const end = clock.now().getTime() - 60_000;
  const res = await call(t, visitor, {
    method: 'POST',
    url: '/api/visits',
    payload: {
      subjectId,
      kind: 'phone',
      startedAt: new Date(end - 10 * 60_000).toISOString(),
      endedAt: new Date(end).toISOString(),
      outcome: 'met',
    },
    headers: { 'idempotency-key': key() },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

async function syncAudits(visitor: Session) {
  return rows<{ detail: { subjects: number; removed: number; first: boolean } }>(
    t.db,
    sql`select detail from audit_log where action = 'visit.sync' and user_id = ${visitor.user.id}
      order by id`,
  );
}

describe('a first sync', () => {
  it('gives every subject assigned to the caller: ID numbers masked, phones, address and contacts in full, dues and last visits', async () => {
    const visitor = await newVisitor();
    const mine = await subjectsFor(visitor, 3);
    const someoneElses = await subjectsFor(await newVisitor(), 1);
    const visitId = await recordPhoneVisit(visitor, mine[0]?.id as string);

    const answer = await syncOk(visitor);
    expect(answer.more).toBe(false);
    expect(answer.removed).toEqual([]);
    expect(idsOf(answer)).toEqual(mine.map((s) => s.id).sort());
    expect(idsOf(answer)).not.toContain(someoneElses[0]?.id);
    const text = JSON.stringify(answer);
    for (const s of mine) {
      expect(text).not.toContain(s.idNumber);
      const got = answer.subjects.find((x) => x.id === s.id);
      expect(got).toMatchObject({
        kind: 'elder',
        name: s.name,
        idNumberMasked: `${s.idNumber.slice(0, 6)}********${s.idNumber.slice(-4)}`,
        careLevel: 'regular',
        divisionCode: community,
        household: { id: s.householdId, location: null },
        contacts: [{ name: '李明', relation: 'child', isEmergency: true, phone: '13812345678' }],
      });
      expect(got?.mobile).toMatch(/^1390000\d{4}$/);
      expect((got?.household as { address: string }).address).toMatch(/^沈阳市大东区同步路\d号/);
      // a regular subject owes a phone visit this month and a home visit this quarter
      expect((got?.dues as unknown[]).length).toBeGreaterThanOrEqual(2);
    }
    const visited = answer.subjects.find((x) => x.id === mine[0]?.id);
    expect(visited?.lastVisits).toEqual([
      { id: visitId, kind: 'phone', startedAt: expect.any(String), outcome: 'met' },
    ]);
    expect(visited?.dues).toContainEqual(
      expect.objectContaining({ source: 'level', required: 1, done: 1, status: 'done' }),
    );

    expect(await syncAudits(visitor)).toEqual([
      { detail: { subjects: 3, removed: 0, first: true } },
    ]);
  });

  it('pages with a small limit: each subject exactly once, `more` false on the last page', async () => {
    const visitor = await newVisitor();
    const mine = await subjectsFor(visitor, 5);
    const seen: string[] = [];
    const pages: boolean[] = [];
    let answer = await syncOk(visitor, { limit: '2' });
    for (;;) {
      seen.push(...answer.subjects.map((s) => s.id));
      pages.push(answer.more);
      if (!answer.more) break;
      // the phone was cut off between two pages: it resumes later with the cursor it kept
      clock.advance(60_000);
      answer = await syncOk(visitor, { limit: '2', cursor: answer.cursor });
    }
    expect(pages).toEqual([true, true, false]);
    expect(seen).toHaveLength(5);
    expect([...seen].sort()).toEqual(mine.map((s) => s.id).sort());
    // one audit row per answer that gave subjects
    expect((await syncAudits(visitor)).map((a) => a.detail.subjects)).toEqual([2, 2, 1]);
  });

  it('does not lose what changed while it paged', async () => {
    const visitor = await newVisitor();
    const mine = (await subjectsFor(visitor, 4)).map((s) => s.id).sort();
    await settle();
    const first = await syncOk(visitor, { limit: '2' });
    expect(idsOf(first)).toEqual(mine.slice(0, 2));
    // a subject already sent changes before the pass ends
    clock.advance(OVERLAP_MS * 2);
    await recordPhoneVisit(visitor, mine[0] as string);
    const second = await syncOk(visitor, { limit: '2', cursor: first.cursor });
    expect(second.more).toBe(false);
    expect(idsOf(second)).toEqual(mine.slice(2));
    const delta = await syncOk(visitor, { cursor: second.cursor });
    expect(idsOf(delta)).toEqual([mine[0]]);
  });
});

describe('a sync with a cursor', () => {
  it('gives nothing when nothing changed, then only the subject a visit was recorded for', async () => {
    const visitor = await newVisitor();
    const [a, b] = await subjectsFor(visitor, 2);
    await settle();
    const first = await syncOk(visitor);
    expect(first.subjects).toHaveLength(2);

    const quiet = await syncOk(visitor, { cursor: first.cursor });
    expect(quiet).toMatchObject({ more: false, subjects: [], removed: [] });

    clock.advance(60_000);
    const visitId = await recordPhoneVisit(visitor, a?.id as string);
    const after = await syncOk(visitor, { cursor: quiet.cursor });
    expect(idsOf(after)).toEqual([a?.id]);
    expect(after.subjects[0]?.lastVisits).toEqual([expect.objectContaining({ id: visitId })]);
    expect(idsOf(after)).not.toContain(b?.id);

    // the cursor overlaps the last minutes (a write committed late is not missed): the visit's
    // subject comes again until its stamp lies behind the cursor's moment, then no more
    const again = await syncOk(visitor, { cursor: after.cursor });
    expect(idsOf(again)).toEqual([a?.id]);
    await settle();
    const later = await syncOk(visitor, { cursor: again.cursor });
    expect(idsOf(later)).toEqual([a?.id]);
    expect((await syncOk(visitor, { cursor: later.cursor })).subjects).toEqual([]);

    // an empty answer writes no audit row
    expect((await syncAudits(visitor)).map((x) => x.detail.subjects)).toEqual([2, 1, 1, 1]);
  });

  it('gives the household’s care plan, and the subject again once the plan is saved', async () => {
    const visitor = await newVisitor();
    const [a] = await subjectsFor(visitor, 2);
    await settle();
    const first = await syncOk(visitor);
    expect(first.subjects.map((s) => s.carePlan)).toEqual([null, null]);
    clock.advance(60_000);
    const household = a?.householdId;
    const saved = await call(t, worker, {
      method: 'PUT',
      url: `/api/households/${household}/care-plan`,
      payload: { goals: '每月入户，协助助餐', services: ['meals'], reviewOn: '2030-01-01' },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const after = await syncOk(visitor, { cursor: first.cursor });
    expect(idsOf(after)).toEqual([a?.id]);
    expect(after.subjects[0]?.carePlan).toEqual({
      version: 1,
      goals: '每月入户，协助助餐',
      services: ['meals'],
      rhythm: null,
      reviewOn: '2030-01-01',
    });
  });

  it('after a hand-over: removed for the visitor who left, given to the one who took over', async () => {
    const leaving = await newVisitor();
    const taking = await newVisitor();
    const [s] = await subjectsFor(leaving, 1);
    await settle();
    const left = await syncOk(leaving);
    expect(idsOf(left)).toEqual([s?.id]);
    const took = await syncOk(taking);
    expect(took.subjects).toEqual([]);

    clock.advance(60_000);
    await post('/api/assignments/hand-over', {
      fromVisitorId: leaving.user.id,
      toVisitorId: taking.user.id,
    });
    const gone = await syncOk(leaving, { cursor: left.cursor });
    expect(gone).toMatchObject({ subjects: [], removed: [s?.id] });
    const got = await syncOk(taking, { cursor: took.cursor });
    expect(idsOf(got)).toEqual([s?.id]);
    expect(got.removed).toEqual([]);
  });

  it('after an unassignment, or when the subject leaves the roster: removed', async () => {
    const visitor = await newVisitor();
    const [unassigned, offRoster, kept] = await subjectsFor(visitor, 3);
    await settle();
    const first = await syncOk(visitor);
    expect(first.subjects).toHaveLength(3);

    clock.advance(60_000);
    await post('/api/assignments/unassign', { subjectIds: [unassigned?.id] });
    await t.db.transaction((tx) =>
      removeSubject(
        { db: tx, actor: null, now: clock.now(), today: shanghaiDate(clock.now()) },
        {
          subject: { id: offRoster?.id as string, householdId: offRoster?.householdId as string },
          reason: 'died',
          note: null,
        },
      ),
    );
    const after = await syncOk(visitor, { cursor: first.cursor });
    expect([...after.removed].sort()).toEqual([unassigned?.id, offRoster?.id].sort());
    expect(idsOf(after)).not.toContain(kept?.id);
    expect(after.subjects).toEqual([]);
  });
});

describe('refusals', () => {
  it('a malformed cursor answers 400 visit.cursor_invalid naming `cursor`', async () => {
    const visitor = await newVisitor();
    const other = await newVisitor();
    const theirs = (await syncOk(other)).cursor;
    const encode = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const future = encode({ v: 1, u: visitor.user.id, t: new Date(Date.now() + 86_400_000 * 400) });
    for (const cursor of [
      'not a cursor!',
      'abc',
      encode({}),
      encode({ v: 1, u: visitor.user.id, t: 'yesterday' }),
      future,
      theirs,
    ]) {
      const res = await sync(visitor, { cursor });
      expect(res.status, cursor).toBe(400);
      expect(res.body.error.code).toBe('visit.cursor_invalid');
      expect(res.body.error.message).toContain('同步游标');
      expect(res.body.error.fields).toEqual([
        expect.objectContaining({ field: 'cursor', code: 'visit.cursor_invalid' }),
      ]);
      expect(res.body.error.fields[0].message).toContain('cursor');
    }
    expect((await sync(visitor, { limit: '501' })).status).toBe(400);
  });

  it('only a visitor may sync: another role gets 403', async () => {
    const res = await sync(worker);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('common.forbidden');
  });
});

describe('the size of a first sync', () => {
  it('of 500 subjects with phones, contacts, dues and three visits each', async () => {
    const visitor = await newVisitor();
    const at = new Date(clock.now().getTime() - 2 * 86_400_000);
    const ids = await enrolSubjects(
      { db: t.db, sensitive: t.ctx.sensitive, actor: null, now: at },
      Array.from({ length: 500 }, (_, i) => {
        const idNumber = uniqueIdNumber('1941-05-20', i % 2 ? 'male' : 'female');
        return {
          kind: 'elder' as const,
          name: i % 2 ? '王建国' : '刘桂兰',
          idNumber,
          sex: i % 2 ? ('male' as const) : ('female' as const),
          birthDate: '1941-05-20',
          mobile: `139${String(10_000_000 + i).padStart(8, '0')}`,
          landline: i % 3 ? null : `024-8${String(1_000_000 + i)}`,
          consent: 'given' as const,
          careLevel: (['regular', 'key', 'special'] as const)[i % 3] ?? 'regular',
          careLevelReason: '初次建档',
          categories: [{ category: 'living_alone', validFrom: '2025-01-01', source: 'roster' }],
          household: {
            key: idNumber,
            divisionCode: community,
            address: `辽宁省沈阳市大东区小北街道${i + 1}号楼${(i % 6) + 1}单元${(i % 9) + 1}0${(i % 4) + 1}室`,
          },
          contacts: [
            { name: '王小明', relation: 'child' as const, isEmergency: true, phone: '13812345678' },
            { name: '张阿姨', relation: 'neighbour' as const, phone: '13987654321' },
          ],
        };
      }),
    );
    await assign(ids, visitor);
    const visits: PastVisit[] = ids.flatMap((subjectId, i) =>
      [1, 2, 3].map((n) => {
        const startedAt = new Date(at.getTime() - (n * 20 + (i % 7)) * 86_400_000);
        return {
          subjectId,
          visitorId: visitor.user.id,
          kind: n === 2 ? ('home' as const) : ('phone' as const),
          outcome: 'met' as const,
          startedAt,
          endedAt: new Date(startedAt.getTime() + 15 * 60_000),
        };
      }),
    );
    await t.db.transaction((tx) =>
      recordPastVisits(tx, { who: { userId: null }, now: clock.now(), visits }),
    );

    const started = performance.now();
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/visits/sync?limit=500',
      headers: { ...visitor.headers, 'accept-encoding': 'gzip' },
    });
    const ms = Math.round(performance.now() - started);
    expect(res.statusCode).toBe(200);
    // the server compresses what it sends to a client that accepts it
    expect(res.headers['content-encoding']).toBe('gzip');
    const json = gunzipSync(res.rawPayload);
    const body = JSON.parse(json.toString('utf8')) as {
      more: boolean;
      subjects: { lastVisits: unknown[] }[];
    };
    expect(body.more).toBe(false);
    expect(body.subjects).toHaveLength(500);
    expect(body.subjects.every((s) => s.lastVisits.length === 3)).toBe(true);
    const raw = json.length;
    const sent = res.rawPayload.length;
    console.info(
      `first sync of 500 subjects: ${Math.round(raw / 1024)} KB of JSON in ${ms} ms, ` +
        `${Math.round(sent / 1024)} KB sent gzipped`,
    );
    // Regular 3G (750 kb/s): the gzipped answer in well under the field app's 5 s
    expect(sent).toBeLessThan(200 * 1024);
    expect(raw).toBeLessThan(1024 * 1024);
  });
});
