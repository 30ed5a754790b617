import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../db/client.ts';
import { actorsFor, call, type Session } from '../../test/actors.ts';
import { makeOrganisation, makeStreet } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { shanghaiDate } from '../../platform/calendar/dates.ts';
import { ageOn } from '../../platform/contract/id-number.ts';
import { multipart, rosterWorkbook } from '../../test/roster-support.ts';
import { makeSubject, uniqueIdNumber, type TestSubject } from '../../test/subject-factories.ts';

let t: TestApp;
let street: string;
let admin: Session;
let officer: Session;
let subject: TestSubject;

beforeAll(async () => {
  t = await createTestApp();
  street = (await makeStreet(t.db)).code;
  admin = await actorsFor(t).asOrgAdmin(
    await makeOrganisation(t.db, { divisionCode: street }),
    street,
  );
  officer = await actorsFor(t).asStreetOfficer(street);
  subject = await makeSubject(t.db, t.ctx.sensitive, {
    divisionCode: street,
    name: '何秀兰',
    mobile: '13911112222',
    birthDate: '1941-05-06',
  });
});
afterAll(async () => {
  await t?.close();
});

async function upload(
  source: string,
  asOf: string,
  sheet: Record<string, string>[],
  headers: string[],
  dryRun = false,
) {
  const { payload, headers: h } = multipart(await rosterWorkbook(sheet, headers));
  return call(t, admin, {
    method: 'POST',
    url: `/api/source-records/import?source=${source}&asOf=${asOf}${dryRun ? '&dryRun=true' : ''}`,
    payload,
    headers: h,
  });
}

describe('records of other departments', () => {
  it('are matched by ID number, tagged with their source and date; strangers are not kept', async () => {
    const stranger = uniqueIdNumber('1950-01-01');
    const res = await upload(
      'social_security',
      '2026-10-31',
      [
        {
          身份证号: subject.idNumber,
          姓名: '何秀兰',
          联系电话: '13911112222',
          参保状态: '正常参保',
        },
        { 身份证号: stranger, 姓名: '路人', 参保状态: '正常参保' },
      ],
      ['身份证号', '姓名', '联系电话', '参保状态'],
    );
    expect(res.body).toMatchObject({
      accepted: 1,
      unmatched: 1,
      values: 3,
      rejected: [],
      committed: true,
    });
    const [kept] = await rows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from source_values`,
    );
    expect(kept?.n).toBe(3);
  });

  it('refuses a file with a bad row whole, naming row and column', async () => {
    const res = await upload(
      'health',
      '2026-10-01',
      [{ 身份证号: subject.idNumber, 出生日期: '1941-02-30' }],
      ['身份证号', '出生日期'],
    );
    expect(res.body.committed).toBe(false);
    expect(res.body.rejected).toEqual([
      {
        row: 2,
        field: '出生日期',
        code: 'import.date_invalid',
        message: '第 2 行“出生日期”：不是有效日期（如 1945-01-01）',
      },
    ]);
  });

  it('the subject page shows each value’s source and date and flags disagreements and a reported death', async () => {
    await upload(
      'household_registration',
      '2026-09-30',
      [
        {
          身份证号: subject.idNumber,
          姓名: '何秀蘭',
          出生日期: '1941/5/6',
          死亡日期: '2026-09-01',
        },
      ],
      ['身份证号', '姓名', '出生日期', '死亡日期'],
    );
    const res = await call(t, officer, {
      method: 'GET',
      url: `/api/subjects/${subject.id}/sources`,
    });
    expect(res.status).toBe(200);
    const field = (name: string) =>
      res.body.fields.find((f: { field: string }) => f.field === name);
    expect(field('name')).toMatchObject({
      roster: '何秀兰',
      disagrees: true,
      values: expect.arrayContaining([
        { source: 'social_security', value: '何秀兰', asOf: '2026-10-31' },
        { source: 'household_registration', value: '何秀蘭', asOf: '2026-09-30' },
      ]),
    });
    // a birth date beside the masked ID number would rebuild it: the age (on today) only
    const age = String(ageOn('1941-05-06', shanghaiDate(t.clock.now())));
    expect(field('birthDate')).toMatchObject({ roster: age, disagrees: false });
    expect(JSON.stringify(res.body)).not.toContain('1941-05-06');
    expect(field('phone')).toMatchObject({
      roster: '139****2222',
      disagrees: false,
      values: [{ value: '139****2222' }],
    });
    expect(res.body.deathReported).toBe(true);
  });

  it('a sibling street’s officer cannot read them', async () => {
    const other = await actorsFor(t).asStreetOfficer(await makeStreet(t.db));
    const res = await call(t, other, { method: 'GET', url: `/api/subjects/${subject.id}/sources` });
    expect(res.status).toBe(404);
  });
});
