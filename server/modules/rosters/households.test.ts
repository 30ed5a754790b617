import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../db/client.ts';
import { actorsFor, call, type Session } from '../../test/actors.ts';
import { makeCommunity, makeStreet } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import {
  multipart,
  ROSTER_HEADERS,
  rosterRow,
  rosterWorkbook,
  type SheetRow,
} from '../../test/roster-support.ts';
import { uniqueIdNumber } from '../../test/subject-factories.ts';

/** 一户一档 across rounds: a 户编号 given again later joins the household it named before. */

let t: TestApp;
let street: string;

let officer: Session;
const headers = [...ROSTER_HEADERS, '户编号', '与户主关系'];

beforeAll(async () => {
  t = await createTestApp();
  street = (await makeStreet(t.db)).code;
  officer = await actorsFor(t).asStreetOfficer(street);
});
afterAll(async () => {
  await t?.close();
});

/** Uploads the rows (as the street, for several communities) into the month's round, submits and approves it. */
async function approvedRound(community: string, month: string, sheet: SheetRow[]): Promise<void> {
  const { payload, headers: h } = multipart(await rosterWorkbook(sheet, headers));
  const res = await call(t, officer, {
    method: 'POST',
    url: `/api/subjects/import?month=${month}`,
    payload,
    headers: h,
  });
  expect(res.body.committed, JSON.stringify(res.body)).toBe(true);
  const [round] = await rows<{ id: string }>(
    t.db,
    sql`select id from roster_rounds where division_code = ${street} and month = ${month}`,
  );
  const id = round?.id as string;
  expect(
    (await call(t, officer, { method: 'POST', url: `/api/roster-rounds/${id}/submit` })).status,
  ).toBe(200);
  expect(
    (await call(t, officer, { method: 'POST', url: `/api/roster-rounds/${id}/approve` })).status,
  ).toBe(200);
}

const householdOf = async (idNumber: string) =>
  (
    await rows<{ household_id: string }>(
      t.db,
      sql`select household_id from subjects where id_number_hash = ${t.ctx.sensitive.lookupHash(idNumber)}`,
    )
  )[0]?.household_id;

describe('households across rounds', () => {
  it('joins a later round’s person with the same 户编号 to the household of the earlier round', async () => {
    const community = (await makeCommunity(t.db, { streetCode: street })).code;
    const other = (await makeCommunity(t.db, { streetCode: street })).code;
    const [him, her, neighbour, elsewhere] = [
      uniqueIdNumber('1940-01-01', 'male'),
      uniqueIdNumber('1942-02-02'),
      uniqueIdNumber('1943-03-03'),
      uniqueIdNumber('1944-04-04'),
    ];
    await approvedRound(community, '2026-09', [
      rosterRow(community, { 身份证号: him, 户编号: 'B7', 与户主关系: '户主' }),
    ]);
    await approvedRound(community, '2026-10', [
      rosterRow(community, { 身份证号: her, 户编号: 'B7', 与户主关系: '配偶' }),
      rosterRow(community, { 身份证号: neighbour, 户编号: 'B8', 与户主关系: '户主' }),
      // the same number in another community is another household
      rosterRow(other, { 身份证号: elsewhere, 户编号: 'B7', 与户主关系: '户主' }),
    ]);
    const household = await householdOf(him);
    expect(await householdOf(her)).toBe(household);
    expect(await householdOf(neighbour)).not.toBe(household);
    expect(await householdOf(elsewhere)).not.toBe(household);
    const [count] = await rows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from subjects where household_id = ${household}`,
    );
    expect(count?.n).toBe(2);
  });
});
