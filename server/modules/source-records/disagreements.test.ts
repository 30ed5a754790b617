import { sql } from 'drizzle-orm';
import ExcelJS from '../../platform/excel/exceljs.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../db/client.ts';
import { actorsFor, call, type Session } from '../../test/actors.ts';
import { makeCommunity, makeOrganisation, makeStreet } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { multipart, rosterWorkbook } from '../../test/roster-support.ts';
import { makeSubject, type TestSubject } from '../../test/subject-factories.ts';

/** The list of disagreements of the merged elderly database, worked through by the street. */

let t: TestApp;
let street: string;
let importer: Session;
let officer: Session;
let he: TestSubject;
let she: TestSubject;

beforeAll(async () => {
  t = await createTestApp();
  street = (await makeStreet(t.db)).code;
  const community = (await makeCommunity(t.db, { streetCode: street })).code;
  importer = await actorsFor(t).asOrgAdmin(
    await makeOrganisation(t.db, { divisionCode: street }),
    street,
  );
  officer = await actorsFor(t).asStreetOfficer(street);
  he = await makeSubject(t.db, t.ctx.sensitive, {
    divisionCode: community,
    name: '何秀兰',
    mobile: '13911112222',
  });
  she = await makeSubject(t.db, t.ctx.sensitive, {
    divisionCode: community,
    name: '孙桂芳',
    mobile: '13922223333',
  });
});
afterAll(async () => {
  await t?.close();
});

async function upload(source: string, asOf: string, sheet: Record<string, string>[]) {
  const headers = ['身份证号', '姓名', '联系电话', '死亡日期'];
  const { payload, headers: h } = multipart(await rosterWorkbook(sheet, headers));
  const res = await call(t, importer, {
    method: 'POST',
    url: `/api/source-records/import?source=${source}&asOf=${asOf}`,
    payload,
    headers: h,
  });
  expect(res.body.committed, JSON.stringify(res.body)).toBe(true);
}

const list = (query: Record<string, string> = {}, as = officer) =>
  call(t, as, { method: 'GET', url: '/api/source-disagreements', query });
type Item = { id: string; subjectId: string; field: string; state: string };
const itemOf = async (subject: TestSubject, field: string, state = 'open') =>
  ((await list({ state })).body.items as Item[]).find(
    (i) => i.subjectId === subject.id && i.field === field,
  );
const resolve = (id: string, body: unknown, as = officer) =>
  call(t, as, {
    method: 'POST',
    url: `/api/source-disagreements/${id}/resolve`,
    payload: body,
    headers: { 'idempotency-key': `resolve-${Math.random()}` },
  });

describe('the list of disagreements', () => {
  it('lists each person’s field that the departments and the roster disagree on, masked, with counts per field', async () => {
    await upload('household_registration', '2026-09-30', [
      { 身份证号: he.idNumber, 姓名: '何秀蘭', 联系电话: '13911112222' },
      { 身份证号: she.idNumber, 姓名: '孙桂芳', 联系电话: '13955556666' },
    ]);
    await upload('social_security', '2026-10-31', [
      { 身份证号: she.idNumber, 联系电话: '13977778888', 死亡日期: '2026-10-02' },
    ]);
    const res = await list();
    expect(res.status).toBe(200);
    const got = (res.body.items as (Item & { subjectName: string })[])
      .map((i) => [i.subjectName, i.field])
      .sort();
    expect(got).toEqual([
      ['何秀兰', 'name'],
      ['孙桂芳', 'deathDate'],
      ['孙桂芳', 'phone'],
    ]);
    expect(res.body.total).toBe(3);
    expect(res.body.counts).toEqual([
      { field: 'name', open: 1, resolved: 0, checked: 0 },
      { field: 'phone', open: 1, resolved: 0, checked: 0 },
      { field: 'deathDate', open: 1, resolved: 0, checked: 0 },
    ]);
    const phone = res.body.items.find((i: Item) => i.field === 'phone');
    expect(phone).toMatchObject({
      roster: '139****3333',
      values: [
        { source: 'household_registration', value: '139****6666', asOf: '2026-09-30' },
        { source: 'social_security', value: '139****8888', asOf: '2026-10-31' },
      ],
    });
    expect(JSON.stringify(res.body)).not.toMatch(/13955556666|13977778888|13922223333/);
    // filtered by field and by source
    expect((await list({ field: 'phone' })).body.items).toHaveLength(1);
    expect(
      (await list({ source: 'social_security' })).body.items.map((i: Item) => i.field).sort(),
    ).toEqual(['deathDate', 'phone']);
  });

  it('taking a department’s name puts it on the roster, audited; the same values again leave it worked through, new ones reopen it', async () => {
    const item = (await itemOf(he, 'name')) as Item;
    const res = await resolve(item.id, { pick: 'household_registration', note: '核对户口簿' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      state: 'resolved',
      resolution: 'household_registration',
      note: '核对户口簿',
      roster: '何秀蘭',
      resolvedByName: officer.user.displayName,
    });
    const file = await call(t, officer, { method: 'GET', url: `/api/subjects/${he.id}` });
    expect(file.body.name).toBe('何秀蘭');
    const [audited] = await rows<{ detail: { field: string; pick: string } }>(
      t.db,
      sql`select detail from audit_log where action = 'source.disagreement_resolve' and entity_id = ${he.id}`,
    );
    expect(audited?.detail).toMatchObject({ field: 'name', pick: 'household_registration' });
    expect(await itemOf(he, 'name')).toBeUndefined();
    expect(await itemOf(he, 'name', 'resolved')).toBeDefined();

    await upload('household_registration', '2026-09-30', [
      { 身份证号: he.idNumber, 姓名: '何秀蘭' },
    ]);
    expect(await itemOf(he, 'name', 'resolved')).toBeDefined();
    await upload('medical_insurance', '2026-11-01', [{ 身份证号: he.idNumber, 姓名: '何秀兰' }]);
    expect(await itemOf(he, 'name')).toMatchObject({ state: 'open' });
  });

  it('marks one as checked, refuses a source without the field, and an open one that comes to agree goes', async () => {
    const death = (await itemOf(she, 'deathDate')) as Item;
    const checked = await resolve(death.id, { pick: 'checked', note: '电话核实健在' });
    expect(checked.body).toMatchObject({ state: 'checked', resolution: null });
    const phone = (await itemOf(she, 'phone')) as Item;
    const refused = await resolve(phone.id, { pick: 'health' });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('source_record.pick_unknown');
    expect((await resolve(phone.id, { pick: 'elsewhere' })).status).toBe(400);
    await upload('household_registration', '2026-12-01', [
      { 身份证号: she.idNumber, 联系电话: '13922223333' },
    ]);
    await upload('social_security', '2026-12-01', [
      { 身份证号: she.idNumber, 联系电话: '13922223333' },
    ]);
    expect(await itemOf(she, 'phone')).toBeUndefined();
  });

  it('does not list health notes, which each department words its own way', async () => {
    for (const [source, notes] of [
      ['health', '高血压'],
      ['medical_insurance', '高血压、糖尿病'],
    ]) {
      const { payload, headers } = multipart(
        await rosterWorkbook(
          [{ 身份证号: he.idNumber, 健康状况: notes }],
          ['身份证号', '健康状况'],
        ),
      );
      const res = await call(t, importer, {
        method: 'POST',
        url: `/api/source-records/import?source=${source}&asOf=2026-11-15`,
        payload,
        headers: { ...headers, 'idempotency-key': `health-${source}` },
      });
      expect(res.body.committed).toBe(true);
    }
    const sources = await call(t, officer, {
      method: 'GET',
      url: `/api/subjects/${he.id}/sources`,
    });
    expect(
      sources.body.fields.find((f: { field: string }) => f.field === 'healthStatus').disagrees,
    ).toBe(true);
    expect(await itemOf(he, 'healthStatus')).toBeUndefined();
  });

  it('answers 404 for another street’s disagreement', async () => {
    const item = (await itemOf(he, 'name')) as Item;
    const other = await actorsFor(t).asStreetOfficer(await makeStreet(t.db));
    expect((await resolve(item.id, { pick: 'roster' }, other)).status).toBe(404);
    expect((await list({}, other)).body.items).toEqual([]);
  });

  it('exports the list masked, watermarked, audited', async () => {
    await upload('social_security', '2026-12-02', [
      { 身份证号: she.idNumber, 联系电话: '13977778888' },
    ]);
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/source-disagreements/export',
      headers: officer.headers,
    });
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(book.subject).toContain(officer.user.username);
    const sheet = book.worksheets[0];
    const values = (sheet?.getSheetValues() ?? []).map((r) =>
      Array.isArray(r) ? r.slice(1).map((v) => String(v ?? '')) : [],
    );
    expect(values[1]?.slice(0, 5)).toEqual(['姓名', '所属区划', '区划代码', '项目', '名册']);
    const body = values.slice(2);
    expect(body.map((r) => [r[0], r[3]]).sort()).toEqual([
      ['何秀蘭', '姓名'],
      ['孙桂芳', '联系电话'],
    ]);
    expect(JSON.stringify(values)).not.toMatch(/13977778888|13922223333/);
    expect(JSON.stringify(values)).toContain('139****8888');
    const [audited] = await rows<{ detail: { rows: number } }>(
      t.db,
      sql`select detail from audit_log where action = 'export' and entity = 'source_disagreement'`,
    );
    expect(audited?.detail.rows).toBe(2);
  });
});
