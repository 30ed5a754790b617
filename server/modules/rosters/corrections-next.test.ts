import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../db/client.ts';
import { actorsFor, call, type Session } from '../../test/actors.ts';
import { makeCommunity, makeStreet } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { multipart, rosterRow, rosterWorkbook } from '../../test/roster-support.ts';
import { makeSubject } from '../../test/subject-factories.ts';

/* A district that takes corrections of an approved month into the next month's round. */

let t: TestApp;
let street: string;
let community: string;
let worker: Session;
let officer: Session;

beforeAll(async () => {
  t = await createTestApp({ env: { ROSTER_CORRECTIONS: 'next' } });
  street = (await makeStreet(t.db)).code;
  community = (await makeCommunity(t.db, { streetCode: street })).code;
  worker = await actorsFor(t).asCommunityWorker(community);
  officer = await actorsFor(t).asStreetOfficer(street);
});
afterAll(async () => {
  await t?.close();
});

describe('corrections into the next month (ROSTER_CORRECTIONS=next)', () => {
  it('takes a death in an approved month into the next month’s round, never lost', async () => {
    const elder = await makeSubject(t.db, t.ctx.sensitive, { divisionCode: community });
    const { payload, headers } = multipart(await rosterWorkbook([rosterRow(community)]));
    await call(t, worker, {
      method: 'POST',
      url: '/api/subjects/import?month=2027-05',
      payload,
      headers,
    });
    const [round] = await rows<{ id: string }>(
      t.db,
      sql`select id from roster_rounds where division_code = ${street} and month = '2027-05'`,
    );
    const id = round?.id as string;
    await call(t, worker, { method: 'POST', url: `/api/roster-rounds/${id}/submit` });
    await call(t, officer, { method: 'POST', url: `/api/roster-rounds/${id}/approve` });

    const death = await call(t, worker, {
      method: 'POST',
      url: '/api/roster-rounds/removals',
      payload: { subjectId: elder.id, removalReason: 'death', month: '2027-05' },
    });
    expect(death.status, JSON.stringify(death.body)).toBe(201);
    const placed = await rows<{ month: string; sequence: number; action: string }>(
      t.db,
      sql`select r.month, r.sequence, e.action from roster_entries e
          join roster_rounds r on r.id = e.round_id where e.subject_id = ${elder.id}`,
    );
    expect(placed).toEqual([{ month: '2027-06', sequence: 0, action: 'remove' }]);
    const dry = await call(t, worker, {
      method: 'POST',
      url: '/api/subjects/import?month=2027-05&dryRun=true',
      ...multipart(await rosterWorkbook([rosterRow(community)])),
    });
    expect(dry.body.into).toEqual([
      { divisionCode: street, month: '2027-06', sequence: 0, correctsMonth: '2027-05' },
    ]);
  });
});
