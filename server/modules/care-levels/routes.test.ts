import ExcelJS from '../../platform/excel/exceljs.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorsFor, call, type Session } from '../../test/actors.ts';
import { makeCommunity, makeStreet } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { makeSubject } from '../../test/subject-factories.ts';

let t: TestApp;
let street: string;
let communities: string[];
let officer: Session;
let lonely: Awaited<ReturnType<typeof makeSubject>>;

beforeAll(async () => {
  t = await createTestApp();
  street = (await makeStreet(t.db)).code;
  communities = [
    (await makeCommunity(t.db, { streetCode: street })).code,
    (await makeCommunity(t.db, { streetCode: street })).code,
  ];
  officer = await actorsFor(t).asStreetOfficer(street);
  const make = (o: Parameters<typeof makeSubject>[2]) => makeSubject(t.db, t.ctx.sensitive, o);
  lonely = await make({
    divisionCode: communities[0] as string,
    name: '孤老甲',
    birthDate: '1940-01-01',
    categoryCodes: ['living_alone', 'dementia'],
    careLevel: 'regular',
  });
  await make({
    divisionCode: communities[0] as string,
    name: '乙',
    categoryCodes: ['empty_nest'],
    careLevel: 'regular',
  });
  await make({
    divisionCode: communities[1] as string,
    name: '丙',
    categoryCodes: ['disabled'],
    careLevel: 'key',
  });
  await make({
    divisionCode: communities[1] as string,
    name: '丁',
    kind: 'child',
    categoryCodes: ['orphan'],
    careLevel: 'special',
  });
});
afterAll(async () => {
  await t?.close();
});

describe('classification rules', () => {
  it('suggest a level with its reason from the V4 defaults', async () => {
    const res = await call(t, officer, {
      method: 'GET',
      url: `/api/subjects/${lonely.id}/suggested-care-level`,
    });
    expect(res.body).toEqual({
      level: 'special',
      reason: '高龄、独居且健康状况差',
      current: 'regular',
    });
  });

  it('an administrator replaces them from today on; a rule without any condition is refused', async () => {
    const admin = await actorsFor(t).asAdmin();
    const before = await call(t, admin, { method: 'GET', url: '/api/care-level-rules' });
    expect(before.body.effectiveFrom).toBeNull();
    const bad = await call(t, admin, {
      method: 'PUT',
      url: '/api/care-level-rules',
      payload: {
        rules: [
          {
            level: 'key',
            kind: null,
            minAge: null,
            categoriesAll: [],
            categoriesAny: [],
            reason: '全部',
          },
        ],
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('care_level.rules_conflict');
    const res = await call(t, admin, {
      method: 'PUT',
      url: '/api/care-level-rules',
      payload: {
        rules: [
          {
            level: 'key',
            kind: 'elder',
            minAge: null,
            categoriesAll: ['empty_nest'],
            categoriesAny: [],
            reason: '空巢',
          },
        ],
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.rules).toHaveLength(1);
    expect(res.body.effectiveFrom).not.toBeNull();
    const now = await call(t, officer, {
      method: 'GET',
      url: `/api/subjects/${lonely.id}/suggested-care-level`,
    });
    expect(now.body.level).toBe('regular');
    // back to the defaults for the rest of the file
    await call(t, admin, { method: 'PUT', url: '/api/care-level-rules', payload: { rules: [] } });
  });
});

describe('the written classification feedback', () => {
  it('counts each community’s subjects by kind and level, and lists who sits below the suggestion', async () => {
    const res = await call(t, officer, { method: 'GET', url: '/api/care-levels/classification' });
    expect(res.status).toBe(200);
    expect(
      res.body.rows.map((r: { divisionCode: string; total: number }) => [r.divisionCode, r.total]),
    ).toEqual([...communities].sort().map((code) => [code, 2]));
    expect(res.body.totals).toEqual({
      elder: { special: 0, key: 1, regular: 2 },
      child: { special: 1, key: 0, regular: 0 },
      total: 4,
    });
    expect(
      res.body.review.map((r: { name: string; suggestedLevel: string }) => [
        r.name,
        r.suggestedLevel,
      ]),
    ).toEqual([['孤老甲', 'special']]);
  });

  it('is offered as an Excel file with the same figures', async () => {
    const res = await call(t, officer, {
      method: 'GET',
      url: '/api/care-levels/classification/export',
    });
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.res.rawPayload as unknown as ArrayBuffer);
    const cells: string[] = [];
    wb.worksheets[0]?.eachRow((row) => cells.push(row.values?.toString() ?? ''));
    expect(cells[0]).toContain('关爱等级分类情况反馈表');
    expect(cells.some((line) => line.includes('合计') && line.endsWith(',4'))).toBe(true);
    expect(cells.some((line) => line.includes('孤老甲'))).toBe(true);
  });
});
