import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../db/client.ts';
import { actorsFor, call, type Session } from '../../test/actors.ts';
import { makeCommunity, makeStreet } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { multipart, rosterRow, rosterWorkbook, type SheetRow } from '../../test/roster-support.ts';

/* A family change the roster reports (the person's categories, their emergency contact) owes a visit within hours. */

let t: TestApp;
let street: string;
let community: string;
let worker: Session;
let officer: Session;

beforeAll(async () => {
  t = await createTestApp();
  street = (await makeStreet(t.db)).code;
  community = (await makeCommunity(t.db, { streetCode: street })).code;
  worker = await actorsFor(t).asCommunityWorker(community);
  officer = await actorsFor(t).asStreetOfficer(street);
});
afterAll(async () => {
  await t?.close();
});

/** Uploads the rows into the month's round of the street, submits and approves it. */
async function approve(month: string, sheet: SheetRow[]) {
  const imported = await call(t, worker, {
    method: 'POST',
    url: `/api/subjects/import?month=${month}`,
    ...multipart(await rosterWorkbook(sheet)),
  });
  expect(imported.status, JSON.stringify(imported.body)).toBe(200);
  const [round] = await rows<{ id: string }>(
    t.db,
    sql`select id from roster_rounds where division_code = ${street} and month = ${month}
      order by sequence desc limit 1`,
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
}

const triggers = (idNumber: string) =>
  rows<{ requirement: string; status: string }>(
    t.db,
    sql`select d.requirement, d.status from visit_dues d join subjects s on s.id = d.subject_id
      where s.id_number_hash = ${t.ctx.sensitive.lookupHash(idNumber)} and d.source = 'trigger'`,
  );

describe('a reported family change', () => {
  it('owes a home visit within the trigger hours once the street approves it; other corrections do not', async () => {
    const elder = rosterRow(community, { 类别: '高龄' });
    const other = rosterRow(community, { 类别: '高龄' });
    const idOf = (r: SheetRow) => String(r['身份证号']);
    await approve('2026-10', [elder, other]);
    expect(await triggers(idOf(elder))).toEqual([]);

    // next month the spouse has died: now living alone; the other only changed address
    await approve('2026-11', [
      { ...elder, 类别: '高龄、独居' },
      { ...other, 住址: '沈阳市大东区测试路2号2-2-2' },
    ]);
    expect(await triggers(idOf(elder))).toMatchObject([
      { requirement: expect.stringMatching(/^trigger:family:/), status: 'due' },
    ]);
    expect(await triggers(idOf(other))).toEqual([]);
  });
});
