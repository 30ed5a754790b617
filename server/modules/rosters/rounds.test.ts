import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../db/client.ts';
import { actorsFor, call, type Session } from '../../test/actors.ts';
import { makeCommunity, makeStreet } from '../../test/factories.ts';
import { createTestApp, MINUTE, type TestApp } from '../../test/harness.ts';
import { multipart, rosterRow, rosterWorkbook, type SheetRow } from '../../test/roster-support.ts';
import { makeSubject } from '../../test/subject-factories.ts';

/*
 * Hardening issue 8, item 13: one community's submission hands the whole street's month over, so
 * the round shows every community's progress, can be taken back before the street decides, and
 * after approval takes corrections into a correction round (or the next month's round).
 */

let t: TestApp;
let street: string;
let east: string;
let west: string;
let eastWorker: Session;
let westWorker: Session;
let officer: Session;

beforeAll(async () => {
  t = await createTestApp();
  street = (await makeStreet(t.db)).code;
  east = (await makeCommunity(t.db, { streetCode: street })).code;
  west = (await makeCommunity(t.db, { streetCode: street })).code;
  eastWorker = await actorsFor(t).asCommunityWorker(east);
  westWorker = await actorsFor(t).asCommunityWorker(west);
  officer = await actorsFor(t).asStreetOfficer(street);
});
afterAll(async () => {
  await t?.close();
});

async function upload(as: Session, sheet: SheetRow[], month: string, dryRun = false) {
  const { payload, headers } = multipart(await rosterWorkbook(sheet));
  return call(t, as, {
    method: 'POST',
    url: `/api/subjects/import?month=${month}${dryRun ? '&dryRun=true' : ''}`,
    payload,
    headers,
  });
}
const post = (as: Session, url: string, payload?: unknown) =>
  call(t, as, { method: 'POST', url, ...(payload ? { payload } : {}) });
const detail = (as: Session, id: string) =>
  call(t, as, { method: 'GET', url: `/api/roster-rounds/${id}` });
async function roundOf(month: string, sequence = 0) {
  const [round] = await rows<{ id: string }>(
    t.db,
    sql`select id from roster_rounds where division_code = ${street} and month = ${month}
        and sequence = ${sequence}`,
  );
  return round?.id as string;
}
const eventsOf = async (id: string) =>
  (
    await rows<{ type: string; division_code: string }>(
      t.db,
      sql`select type, division_code from live_events where entity_id = ${id} order by id`,
    )
  ).map((e) => [e.type, e.division_code]);

describe('each community’s progress in its street’s round', () => {
  it('says which communities have uploaded, their rows, refused rows, returns and last upload', async () => {
    const month = '2027-01';
    t.clock.advance(MINUTE);
    expect((await upload(eastWorker, [rosterRow(east), rosterRow(east)], month)).status).toBe(200);
    const id = await roundOf(month);
    // west tries once and is refused two rows: nothing committed, the attempt is kept
    t.clock.advance(MINUTE);
    const refused = await upload(
      westWorker,
      [rosterRow(west, { 身份证号: '1' }), rosterRow(west, { 联系电话: '123' })],
      month,
    );
    expect(refused.body.committed).toBe(false);
    const seen = await detail(westWorker, id);
    expect(seen.status).toBe(200);
    const by = Object.fromEntries(
      seen.body.progress.map((p: { divisionCode: string }) => [p.divisionCode, p]),
    );
    expect(by[east]).toMatchObject({
      uploaded: true,
      rows: 2,
      rejected: 0,
      returned: 0,
      returnedOpen: 0,
      lastUploadBy: eastWorker.user.displayName,
    });
    expect(by[east].lastUploadAt).not.toBeNull();
    expect(by[west]).toMatchObject({ uploaded: false, rows: 0, rejected: 2, lastUploadAt: null });
    // west fixes its file: the refusal is behind it
    t.clock.advance(MINUTE);
    expect((await upload(westWorker, [rosterRow(west)], month)).body.committed).toBe(true);
    const after = await detail(officer, id);
    const west2 = after.body.progress.find(
      (p: { divisionCode: string }) => p.divisionCode === west,
    );
    expect(west2).toMatchObject({ uploaded: true, rows: 1, rejected: 0 });
    expect(west2.lastUploadAt).toBe(t.clock.now().toISOString());
  });
});

describe('taking a submission back before the street decides', () => {
  it('lets whoever submitted, or the street, reopen it; no one else; audited and announced', async () => {
    const month = '2027-02';
    await upload(eastWorker, [rosterRow(east)], month);
    await upload(westWorker, [rosterRow(west)], month);
    const id = await roundOf(month);
    const open = await detail(eastWorker, id);
    expect(open.body.allowedActions).toEqual(['compile', 'submit']);

    const submitted = await post(eastWorker, `/api/roster-rounds/${id}/submit`);
    expect(submitted.body).toMatchObject({
      status: 'submitted',
      submittedByName: eastWorker.user.displayName,
      allowedActions: ['reopen'],
    });
    expect((await detail(westWorker, id)).body.allowedActions).toEqual([]);
    expect((await detail(officer, id)).body.allowedActions).toEqual([
      'reopen',
      'return',
      'approve',
    ]);

    // west did not submit: it may not take east's submission back
    const refused = await post(westWorker, `/api/roster-rounds/${id}/reopen`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('roster.transition_refused');
    // west's upload is refused while the street has the round
    expect((await upload(westWorker, [rosterRow(west)], month)).body.error.code).toBe(
      'roster.round_closed',
    );

    t.clock.advance(MINUTE);
    const reopened = await post(eastWorker, `/api/roster-rounds/${id}/reopen`);
    expect(reopened.status, JSON.stringify(reopened.body)).toBe(200);
    expect(reopened.body).toMatchObject({
      status: 'open',
      submittedAt: null,
      submittedByName: null,
      reopenedAt: t.clock.now().toISOString(),
      allowedActions: ['compile', 'submit'],
    });
    const [audited] = await rows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from audit_log where action = 'roster.reopen' and entity_id = ${id}`,
    );
    expect(audited?.n).toBe(1);
    // the street's reviewers, and each community with changes in it
    const reopenedTo = (await eventsOf(id))
      .filter(([type]) => type === 'roster_round.reopened')
      .map(([, code]) => code);
    expect(reopenedTo[0]).toBe(street);
    expect(reopenedTo.slice(1).sort()).toEqual([east, west].sort());
    // open again, west uploads
    expect((await upload(westWorker, [rosterRow(west)], month)).body.committed).toBe(true);

    // the street may reopen a submission too, but not an approved round
    await post(westWorker, `/api/roster-rounds/${id}/submit`);
    expect((await post(officer, `/api/roster-rounds/${id}/reopen`)).body.status).toBe('open');
    await post(westWorker, `/api/roster-rounds/${id}/submit`);
    expect((await post(officer, `/api/roster-rounds/${id}/approve`)).status).toBe(200);
    const late = await post(officer, `/api/roster-rounds/${id}/reopen`);
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('roster.round_state');
    // a second submit or approval is refused by the same machine, with the same code
    expect((await post(officer, `/api/roster-rounds/${id}/approve`)).body.error.code).toBe(
      'roster.round_state',
    );
  });
});

describe('corrections after approval', () => {
  it('go into a correction round of the same month, reviewed the same way, and reach the roster', async () => {
    const month = '2027-03';
    const elder = await makeSubject(t.db, t.ctx.sensitive, { divisionCode: east, name: '冯桂英' });
    await upload(eastWorker, [rosterRow(east)], month);
    const first = await roundOf(month);
    await post(eastWorker, `/api/roster-rounds/${first}/submit`);
    await post(officer, `/api/roster-rounds/${first}/approve`);
    expect((await detail(eastWorker, first)).body.allowedActions).toEqual(['correct']);

    // a death in the approved month: it is not lost, it opens the month's first correction round
    const death = await post(eastWorker, '/api/roster-rounds/removals', {
      subjectId: elder.id,
      removalReason: 'death',
      removalNote: '本月15日去世',
      month,
    });
    expect(death.status, JSON.stringify(death.body)).toBe(201);
    const correction = await roundOf(month, 1);
    expect(correction).toBeDefined();
    const seen = await detail(eastWorker, correction);
    expect(seen.body).toMatchObject({
      month,
      sequence: 1,
      status: 'open',
      late: false,
      counts: { remove: 1 },
      allowedActions: ['compile', 'submit'],
    });
    expect(seen.body.monthRounds).toEqual([
      { id: first, sequence: 0, status: 'approved' },
      { id: correction, sequence: 1, status: 'open' },
    ]);
    // an upload into the month says where it goes, and goes there
    const dry = await upload(eastWorker, [rosterRow(east)], month, true);
    expect(dry.body.into).toEqual([
      { divisionCode: street, month, sequence: 1, correctsMonth: null },
    ]);
    await post(eastWorker, `/api/roster-rounds/${correction}/submit`);
    expect((await post(officer, `/api/roster-rounds/${correction}/approve`)).status).toBe(200);
    const gone = await call(t, officer, { method: 'GET', url: `/api/subjects/${elder.id}` });
    expect(gone.body).toMatchObject({ status: 'removed', removedReason: 'death' });
    // the month list has both rounds of the street
    const list = await call(t, officer, {
      method: 'GET',
      url: '/api/roster-rounds',
      query: { month },
    });
    expect(
      list.body.items.map((r: { sequence: number; status: string }) => [r.sequence, r.status]),
    ).toEqual([
      [0, 'approved'],
      [1, 'approved'],
    ]);
  });
});
