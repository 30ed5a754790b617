import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorsFor, call, type Session } from '../../test/actors.ts';
import { makeCommunity, makeStreet } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { multipart } from '../../test/roster-support.ts';
import { makeSubject } from '../../test/subject-factories.ts';

/*
 * The roster exported (服务对象名册, in the template's columns) and uploaded back: row 1 is the
 * header, so an unmasked export is read as a template; a masked one is read row by row, and its
 * masked values are refused as masked, not as wrong numbers.
 */

let t: TestApp;
let community: string;
let officer: Session;
const month = '2026-09';

beforeAll(async () => {
  t = await createTestApp();
  const street = (await makeStreet(t.db)).code;
  community = (await makeCommunity(t.db, { streetCode: street })).code;
  officer = await actorsFor(t).asStreetOfficer(street);
  for (const [name, sex] of [
    ['陈秀英', 'female'],
    ['程玉兰', 'female'],
    ['郑福生', 'male'],
  ] as const)
    await makeSubject(t.db, t.ctx.sensitive, {
      divisionCode: community,
      name,
      sex,
      mobile: '13812340000',
      contacts: [{ name: '李建国', relation: 'child', isEmergency: true, phone: '13900001234' }],
    });
});
afterAll(async () => {
  await t?.close();
});

async function exported(payload: Record<string, unknown>): Promise<Buffer> {
  const res = await call(t, officer, {
    method: 'POST',
    url: '/api/subjects/export',
    payload: { divisionCode: community, ...payload },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.res.rawPayload;
}

async function uploadBack(file: Buffer) {
  const { payload, headers } = multipart(file, 'file', '服务对象名册.xlsx');
  return call(t, officer, {
    method: 'POST',
    url: `/api/subjects/import?month=${month}&dryRun=true`,
    payload,
    headers,
  });
}

describe('an exported roster uploaded back', () => {
  it('passes every row when exported in full', async () => {
    const res = await uploadBack(await exported({ unmasked: true, reason: '核对后重新报送' }));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ accepted: 3, rejected: [], committed: false });
  });

  it('reads a masked export row by row and refuses its masked values as masked', async () => {
    const res = await uploadBack(await exported({}));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.accepted).toBe(0);
    const rejected = res.body.rejected as { row: number; field: string; code: string }[];
    // rows 2..4 under the header in row 1, each with its masked ID number and phones
    expect(new Set(rejected.map((r) => r.row))).toEqual(new Set([2, 3, 4]));
    expect(rejected.filter((r) => r.field === '身份证号').map((r) => r.code)).toEqual([
      'roster.value_masked',
      'roster.value_masked',
      'roster.value_masked',
    ]);
    expect(rejected.every((r) => r.code === 'roster.value_masked')).toBe(true);
    expect(res.body.rejected[0].message).toContain('脱敏');
  });
});
