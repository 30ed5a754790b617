import ExcelJS from '../../platform/excel/exceljs.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorsFor, call, type Session } from '../../test/actors.ts';
import { makeCommunity, makeStreet } from '../../test/factories.ts';
import { sql } from 'drizzle-orm';
import { rows } from '../../db/client.ts';
import { createTestApp, HOUR, type TestApp } from '../../test/harness.ts';
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

const EN = { 'accept-language': 'en-US' };

/** A rule of the body of PUT /api/care-level-rules. */
const rule = (over: Record<string, unknown> = {}) => ({
  level: 'key',
  kind: 'elder',
  minAge: null,
  categoriesAll: ['empty_nest'],
  categoriesAny: [],
  reason: '空巢',
  ...over,
});

describe('classification rules', () => {
  let admin: Session;
  beforeAll(async () => {
    admin = await actorsFor(t).asAdmin();
  });
  const put = (payload: unknown, headers?: Record<string, string>) =>
    call(t, admin, { method: 'PUT', url: '/api/care-level-rules', payload, headers });
  const history = () => call(t, admin, { method: 'GET', url: '/api/care-level-rules/history' });
  const auditOf = (id: string) =>
    rows<{ action: string; user_id: string; detail: Record<string, unknown> }>(
      t.db,
      sql`select action, user_id, detail from audit_log where entity = 'care_level_rules' and entity_id = ${id}`,
    );

  it('suggest a level with its reason from the V4 defaults, the reason in the caller’s language', async () => {
    const url = `/api/subjects/${lonely.id}/suggested-care-level`;
    const res = await call(t, officer, { method: 'GET', url });
    expect(res.body).toEqual({
      level: 'special',
      reason: '高龄、独居且健康状况差',
      reasonCode: 'elder_old_alone_poor_health',
      current: 'regular',
    });
    const en = await call(t, officer, { method: 'GET', url, headers: EN });
    expect(en.body.reason).toBe('Advanced age, living alone and in poor health');
  });

  it('before any change the defaults are in force, say so, and read in English too', async () => {
    const res = await call(t, officer, { method: 'GET', url: '/api/care-level-rules' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      effectiveFrom: null,
      version: null,
      isDefault: true,
      savedAt: null,
      savedBy: null,
    });
    expect(res.body.rules[1]).toMatchObject({
      reason: '独居失能',
      reasonCode: 'elder_alone_disabled',
    });
    const en = await call(t, officer, { method: 'GET', url: '/api/care-level-rules', headers: EN });
    expect(en.body.rules[1].reason).toBe('Living alone and disabled');
    expect(JSON.stringify(en.body.rules)).not.toMatch(/[\u4e00-\u9fff]/);
    expect((await history()).body).toMatchObject({ items: [], total: 0 });
  });

  it('refuses a rule without any condition, and an empty set, naming the field in Chinese', async () => {
    const bad = await put({ rules: [rule({ kind: null, categoriesAll: [], reason: '全部' })] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('care_level.rules_conflict');
    expect(bad.body.error.fields).toEqual([
      {
        field: 'rules.0',
        code: 'care_level.rules_conflict',
        message: '分级规则：第 1 条规则没有任何条件，会把所有人都定为该等级',
      },
    ]);
    const empty = await put({ rules: [] });
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe('care_level.rules_empty');
    expect(empty.body.error.message).toContain('分级规则不能为空');
    expect(empty.body.error.fields).toEqual([
      {
        field: 'rules',
        code: 'care_level.rules_empty',
        message: expect.stringMatching(/^分级规则：/),
      },
    ]);
    const emptyEn = await put({ rules: [] }, EN);
    expect(emptyEn.body.error.message).toMatch(/^The rules may not be empty/);
    expect((await history()).body.total).toBe(0);
  });

  it('keeps every save of a day in the history; the latest one is in force', async () => {
    const first = await put({ rules: [rule()], baseVersion: null });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      version: 1,
      isDefault: false,
      savedBy: admin.user.displayName,
    });
    expect(first.body.rules).toEqual([{ ...rule(), reasonCode: null }]);
    const now = await call(t, officer, {
      method: 'GET',
      url: `/api/subjects/${lonely.id}/suggested-care-level`,
    });
    expect(now.body).toMatchObject({ level: 'regular', reason: null, reasonCode: null });

    const second = await put({ rules: [rule({ level: 'special', reason: '空巢老人' })] });
    expect(second.body).toMatchObject({ version: 2, effectiveFrom: first.body.effectiveFrom });

    const res = await history();
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(2);
    const [latest, earlier] = res.body.items;
    expect(latest).toMatchObject({
      version: 2,
      inForce: true,
      isDefault: false,
      effectiveFrom: first.body.effectiveFrom,
      savedBy: admin.user.displayName,
      rules: [{ level: 'special', reason: '空巢老人' }],
    });
    expect(earlier).toMatchObject({
      version: 1,
      inForce: false,
      savedBy: admin.user.displayName,
      rules: [{ level: 'key', reason: '空巢' }],
    });
    expect(Date.parse(latest.savedAt)).toBeGreaterThanOrEqual(Date.parse(earlier.savedAt));
    const current = await call(t, officer, { method: 'GET', url: '/api/care-level-rules' });
    expect(current.body).toMatchObject({ version: 2, rules: [{ reason: '空巢老人' }] });

    for (const [version, item] of [
      [2, latest],
      [1, earlier],
    ] as const) {
      const entries = await auditOf(item.id);
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({
        action: 'care_level.rules',
        user_id: admin.user.id,
        detail: { version, previousVersion: version === 1 ? null : 1, rules: 1, isDefault: false },
      });
    }
  });

  it('refuses a save made from a version that is no longer in force', async () => {
    const stale = await put({ rules: [rule()], baseVersion: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('care_level.rules_changed');
    expect(stale.body.error.fields[0].field).toBe('baseVersion');
    expect((await history()).body.total).toBe(2);
  });

  it('keeps a default rule’s reason code when its text is left as it was, in either language; other text as typed', async () => {
    const defaults = await call(t, admin, { method: 'GET', url: '/api/care-level-rules' });
    expect(defaults.body.version).toBe(2);
    const res = await put(
      {
        baseVersion: 2,
        rules: [
          rule({
            level: 'special',
            minAge: null,
            categoriesAll: ['living_alone', 'disabled'],
            reason: 'Living alone and disabled',
            reasonCode: 'elder_alone_disabled',
          }),
          rule({ reason: 'Empty nest, as typed', reasonCode: 'elder_hardship' }),
        ],
      },
      EN,
    );
    expect(res.status).toBe(200);
    expect(res.body.rules.map((r: { reason: string; reasonCode: string | null }) => r)).toEqual([
      expect.objectContaining({
        reason: 'Living alone and disabled',
        reasonCode: 'elder_alone_disabled',
      }),
      expect.objectContaining({ reason: 'Empty nest, as typed', reasonCode: null }),
    ]);
    const zh = await call(t, admin, { method: 'GET', url: '/api/care-level-rules' });
    expect(zh.body.rules.map((r: { reason: string }) => r.reason)).toEqual([
      '独居失能',
      'Empty nest, as typed',
    ]);
  });

  it('restoring the defaults is a version marked as the defaults, audited; again changes nothing', async () => {
    const res = await call(t, admin, {
      method: 'POST',
      url: '/api/care-level-rules/restore-defaults',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      version: 4,
      isDefault: true,
      savedBy: admin.user.displayName,
    });
    expect(res.body.rules).toHaveLength(6);
    expect(res.body.rules[0]).toMatchObject({ reasonCode: 'elder_old_alone_poor_health' });
    const { body } = await history();
    expect(body.items[0]).toMatchObject({ version: 4, isDefault: true, inForce: true });
    expect(await auditOf(body.items[0].id)).toEqual([
      expect.objectContaining({
        action: 'care_level.rules_default',
        detail: expect.objectContaining({ version: 4, previousVersion: 3, isDefault: true }),
      }),
    ]);
    const again = await call(t, admin, {
      method: 'POST',
      url: '/api/care-level-rules/restore-defaults',
    });
    expect(again.body.version).toBe(4);
    expect((await history()).body.total).toBe(4);

    // the defaults sent back as they were read, in English: still the defaults
    const en = await call(t, admin, { method: 'GET', url: '/api/care-level-rules', headers: EN });
    const resaved = await put({ rules: en.body.rules, baseVersion: 4 }, EN);
    expect(resaved.body).toMatchObject({ version: 5, isDefault: true });
    const suggestion = await call(t, officer, {
      method: 'GET',
      url: `/api/subjects/${lonely.id}/suggested-care-level`,
    });
    expect(suggestion.body).toMatchObject({
      level: 'special',
      reasonCode: 'elder_old_alone_poor_health',
    });
  });

  it('on a later day the newest version is in force from that day, and the history pages', async () => {
    const day = (await call(t, admin, { method: 'GET', url: '/api/care-level-rules' })).body
      .effectiveFrom as string;
    t.clock.advance(24 * HOUR);
    // a day later the sessions have expired: sign in again
    admin = await actorsFor(t).asAdmin();
    officer = await actorsFor(t).asStreetOfficer(street);
    const later = await put({ rules: [rule({ level: 'regular', reason: '次日的规则' })] });
    expect(later.body.effectiveFrom > day).toBe(true);
    const page = await call(t, admin, {
      method: 'GET',
      url: '/api/care-level-rules/history',
      query: { page: '2', pageSize: '2' },
    });
    expect(page.body).toMatchObject({ total: 6, page: 2, pageSize: 2 });
    expect(page.body.items.map((v: { version: number }) => v.version)).toEqual([4, 3]);
    // back to the defaults for the rest of the file
    await call(t, admin, { method: 'POST', url: '/api/care-level-rules/restore-defaults' });
  });

  it('only the holders of care_level.rules see the history or restore the defaults', async () => {
    const get = await call(t, officer, { method: 'GET', url: '/api/care-level-rules/history' });
    expect(get.status).toBe(403);
    const post = await call(t, officer, {
      method: 'POST',
      url: '/api/care-level-rules/restore-defaults',
    });
    expect(post.status).toBe(403);
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
    expect(res.body.review[0]).toMatchObject({
      reason: '高龄、独居且健康状况差',
      reasonCode: 'elder_old_alone_poor_health',
    });
    expect(res.body.rulesDefault).toBe(true);
    const en = await call(t, officer, {
      method: 'GET',
      url: '/api/care-levels/classification',
      headers: EN,
    });
    expect(en.body.review[0].reason).toBe('Advanced age, living alone and in poor health');
  });

  it('is offered as an Excel file with the same figures, watermarked and audited', async () => {
    const res = await call(t, officer, {
      method: 'GET',
      url: '/api/care-levels/classification/export',
    });
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.res.rawPayload as unknown as ArrayBuffer);
    const cells: string[] = [];
    wb.worksheets[0]?.eachRow((row) => cells.push(row.values?.toString() ?? ''));
    // the title and the watermark are in the printed page's header and the file's properties
    const mark = wb.worksheets[0]?.headerFooter.oddHeader ?? '';
    expect(mark).toContain('关爱等级分类情况反馈表');
    expect(mark).toContain(`导出人 ${officer.user.username}`);
    expect(wb.subject).toContain(`导出人 ${officer.user.username}`);
    const [logged] = await rows<{ entity: string; detail: { rows: number; review: number } }>(
      t.db,
      sql`select entity, detail from audit_log where action = 'export' and user_id = ${officer.user.id} order by id desc limit 1`,
    );
    expect(logged?.entity).toBe('classification');
    expect(logged?.detail.review).toBeGreaterThan(0);
    expect(cells.some((line) => line.includes('合计') && line.endsWith(',4'))).toBe(true);
    expect(
      cells.some((line) => line.includes('孤老甲') && line.includes('高龄、独居且健康状况差')),
    ).toBe(true);
  });
});
