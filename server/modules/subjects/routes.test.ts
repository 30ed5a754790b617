import ExcelJS from '../../platform/excel/exceljs.ts';
import type { Worksheet } from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { rows } from '../../db/client.ts';
import { actorsFor, call, type Session } from '../../test/actors.ts';
import { makeOrganisation, makeStreet, makeCommunity } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { makeSubject, uniqueIdNumber, type TestSubject } from '../../test/subject-factories.ts';

let t: TestApp;
let street: string;
let community: string;
let officer: Session;
let zhang: TestSubject;

const make = (o: Partial<Parameters<typeof makeSubject>[2]> = {}) =>
  makeSubject(t.db, t.ctx.sensitive, { divisionCode: community, ...o });

beforeAll(async () => {
  t = await createTestApp();
  street = (await makeStreet(t.db)).code;
  community = (await makeCommunity(t.db, { streetCode: street })).code;
  officer = await actorsFor(t).asStreetOfficer(street);
  zhang = await make({
    name: '张三',
    mobile: '13912345678',
    contacts: [{ name: '张小明', relation: 'child', isEmergency: true, phone: '13700001111' }],
    healthNotes: '高血压',
  });
  await make({ name: '王秀英', categoryCodes: ['disabled'], careLevel: 'key' });
  await make({ name: '赵森', birthDate: '1960-05-05' });
  await make({ name: '李小雨', kind: 'child', categoryCodes: ['orphan'] });
});
afterAll(async () => {
  await t?.close();
});

const list = (query: Record<string, string>, as = officer) =>
  call(t, as, { method: 'GET', url: '/api/subjects', query });
const search = (body: Record<string, unknown>, as = officer) =>
  call(t, as, { method: 'POST', url: '/api/subjects/search', payload: body });
const names = (body: { items: { name: string }[] }) => body.items.map((s) => s.name);

describe('the roster list', () => {
  it('finds by pinyin initials and pinyin prefix, and by the start of the name, sorted by pinyin', async () => {
    expect(names((await list({ q: 'zs' })).body)).toEqual(['张三', '赵森']);
    expect(names((await list({ q: 'ZHANG' })).body)).toEqual(['张三']);
    expect(names((await list({ q: '王' })).body)).toEqual(['王秀英']);
    expect(names((await list({})).body)).toEqual(['李小雨', '王秀英', '张三', '赵森']);
  });

  it('filters by kind, category, care level and age band', async () => {
    expect(names((await list({ kind: 'child' })).body)).toEqual(['李小雨']);
    expect(names((await list({ category: 'disabled' })).body)).toEqual(['王秀英']);
    expect(names((await list({ careLevel: 'key' })).body)).toEqual(['王秀英']);
    expect(names((await list({ ageMin: '60', ageMax: '70' })).body)).toEqual(['赵森']);
  });

  it('names each subject’s community, and at once by its new name after a rename', async () => {
    const before = (await list({ q: '张三' })).body.items[0].divisionName;
    expect(before).toBeTruthy();
    const admin = await actorsFor(t).asAdmin();
    const renamed = await call(t, admin, {
      method: 'PATCH',
      url: `/api/divisions/${community}`,
      payload: { name: '新名社区' },
    });
    expect(renamed.status).toBe(200);
    expect((await list({ q: '张三' })).body.items[0].divisionName).toBe('新名社区');
  });

  it('shows ID numbers and phones masked, never in full', async () => {
    const { body } = await list({ q: '张三' });
    const [item] = body.items;
    expect(item.idNumberMasked).toBe(
      `${zhang.idNumber.slice(0, 6)}********${zhang.idNumber.slice(-4)}`,
    );
    expect(item.mobileMasked).toBe('139****5678');
    expect(JSON.stringify(body)).not.toContain(zhang.idNumber);
    expect(JSON.stringify(body)).not.toContain('13912345678');
  });

  it('refuses an ID number or a phone in the URL, naming the field', async () => {
    const res = await list({ idNumber: zhang.idNumber });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('common.invalid_input');
    expect(res.body.error.message).toContain('idNumber');
  });
});

describe('exact search by POST', () => {
  it('finds a subject by ID number, also typed in the 15-digit form or with a lower-case x', async () => {
    expect(names((await search({ idNumber: zhang.idNumber })).body)).toEqual(['张三']);
    const old = zhang.idNumber.slice(0, 6) + zhang.idNumber.slice(8, 17);
    expect(names((await search({ idNumber: old })).body)).toEqual(['张三']);
  });

  it('finds by the mobile, by a landline typed any way, and by an emergency contact’s phone', async () => {
    expect(names((await search({ phone: '139 1234 5678' })).body)).toEqual(['张三']);
    expect(names((await search({ phone: '+86 137-0000-1111' })).body)).toEqual(['张三']);
  });

  it('answers an invalid ID number with a Chinese message naming the field and the problem', async () => {
    const res = await search({ idNumber: '210104194501010012' });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual([
      { field: 'idNumber', code: 'custom', message: '身份证号：校验位不正确，请核对号码' },
    ]);
  });
});

describe('scope', () => {
  it('a community worker of another community and a sibling street officer find nothing', async () => {
    const other = await makeCommunity(t.db, { streetCode: street });
    const worker = await actorsFor(t).asCommunityWorker(other.code);
    expect((await search({ idNumber: zhang.idNumber }, worker)).body.items).toEqual([]);
    const sibling = await actorsFor(t).asStreetOfficer(await makeStreet(t.db));
    expect((await list({}, sibling)).body.total).toBe(0);
    const res = await call(t, sibling, { method: 'GET', url: `/api/subjects/${zhang.id}` });
    expect(res.status).toBe(404);
  });

  it('a visitor sees only the subjects assigned to them', async () => {
    const org = await makeOrganisation(t.db, { divisionCode: street });
    const visitorSession = await actorsFor(t).asVisitor(org, street);
    expect((await list({}, visitorSession)).body.items).toEqual([]);
    await make({ name: '周建国', assignTo: visitorSession.user.id });
    expect(names((await list({}, visitorSession)).body)).toEqual(['周建国']);
  });
});

describe('the subject file', () => {
  it('shows health notes and contacts, and records the view in the audit log', async () => {
    const res = await call(t, officer, { method: 'GET', url: `/api/subjects/${zhang.id}` });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      name: '张三',
      healthNotes: '高血压',
    });
    // the age only: the birth date beside the masked ID number would rebuild it
    expect(res.body).not.toHaveProperty('birthDate');
    expect(JSON.stringify(res.body)).not.toContain('1942-03-15');
    expect(res.body.contacts).toMatchObject([{ name: '张小明', phoneMasked: '137****1111' }]);
    const [logged] = await rows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from audit_log where action = 'subject.view' and entity_id = ${zhang.id}`,
    );
    expect(logged?.n).toBeGreaterThan(0);
  });

  it('reveals the full ID number only with a reason, and audits it', async () => {
    const url = `/api/subjects/${zhang.id}/reveal`;
    const bare = await call(t, officer, { method: 'POST', url, payload: { field: 'idNumber' } });
    expect(bare.status).toBe(400);
    const res = await call(t, officer, {
      method: 'POST',
      url,
      payload: { field: 'idNumber', reason: '核对户籍' },
    });
    expect(res.body).toEqual({ value: zhang.idNumber });
    const [logged] = await rows<{ reason: string }>(
      t.db,
      sql`select reason from audit_log where action = 'sensitive.reveal' and entity_id = ${zhang.id}`,
    );
    expect(logged?.reason).toBe('核对户籍');
  });

  it('stores no ID number, phone or address in plain text', async () => {
    const found = await rows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from subjects s join households h on h.id = s.household_id
          where s::text like ${'%' + zhang.idNumber + '%'} or s::text like '%13912345678%'
             or h::text like '%测试路12号%'`,
    );
    expect(found[0]?.n).toBe(0);
  });
});

describe('care levels', () => {
  it('a change keeps its history, and the household timeline shows it', async () => {
    const org = await makeOrganisation(t.db, { divisionCode: street });
    const admin = await actorsFor(t).asOrgAdmin(org, street);
    const s = await make({ name: '孙桂兰', idNumber: uniqueIdNumber('1938-08-15') });
    const res = await call(t, admin, {
      method: 'PUT',
      url: `/api/subjects/${s.id}/care-level`,
      payload: { level: 'special', reason: '独居且近期摔倒', version: 1 },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.careLevel).toBe('special');
    expect(res.body.careLevelHistory.map((h: { toLevel: string }) => h.toLevel)).toEqual([
      'special',
      'regular',
    ]);
    const stale = await call(t, admin, {
      method: 'PUT',
      url: `/api/subjects/${s.id}/care-level`,
      payload: { level: 'key', reason: '再次调整', version: 1 },
    });
    expect(stale.status).toBe(409);

    const file = await call(t, officer, { method: 'GET', url: `/api/households/${s.householdId}` });
    expect(file.status).toBe(200);
    expect(file.body.members.map((m: { name: string }) => m.name)).toEqual(['孙桂兰']);
    expect(file.body.events.map((e: { title: string }) => e.title)).toEqual([
      '关爱等级调整',
      '纳入名册',
    ]);
    expect(file.body.events[0].detail).toEqual({
      from: 'regular',
      to: 'special',
      reason: '独居且近期摔倒',
    });
  });

  it('lets one of many concurrent changes from the same version through, and refuses the rest', async () => {
    const org = await makeOrganisation(t.db, { divisionCode: street });
    const admin = await actorsFor(t).asOrgAdmin(org, street);
    const s = await make({ name: '钱桂芝', idNumber: uniqueIdNumber('1941-02-03') });
    const levels = ['special', 'key'] as const;
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        call(t, admin, {
          method: 'PUT',
          url: `/api/subjects/${s.id}/care-level`,
          payload: { level: levels[i % 2], reason: `同时调整 ${i}`, version: 1 },
        }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, ...Array(7).fill(409)]);
    const [history] = await rows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from care_level_changes where subject_id = ${s.id}`,
    );
    // the enrolment's level and the one change that won
    expect(history?.n).toBe(2);
  });

  it('never sets a disabled elder below key visits', async () => {
    const org = await makeOrganisation(t.db, { divisionCode: street });
    const admin = await actorsFor(t).asOrgAdmin(org, street);
    const s = await make({ name: '钱淑珍', categoryCodes: ['disabled'], careLevel: 'key' });
    const res = await call(t, admin, {
      method: 'PUT',
      url: `/api/subjects/${s.id}/care-level`,
      payload: { level: 'regular', reason: '身体好转' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('subject.care_level_below_floor');
    expect(res.body.error.fields[0].field).toBe('level');
  });
});

describe('export', () => {
  const load = async (raw: Buffer) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(raw as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0] as Worksheet;
    const cells: string[][] = [];
    sheet.eachRow((row) =>
      cells.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))),
    );
    return cells;
  };

  it('writes the filtered list in the template’s columns, masked, the header in row 1 and the watermark in the page header, and audits it', async () => {
    const res = await call(t, officer, {
      method: 'POST',
      url: '/api/subjects/export',
      payload: { q: 'zs' },
    });
    expect(res.status).toBe(200);
    const [header, ...lines] = await load(res.res.rawPayload);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.res.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets[0]?.headerFooter.oddHeader).toContain('仅限工作使用');
    expect(book.subject).toContain(`导出人 ${officer.user.username}`);
    expect(header?.slice(0, 11)).toEqual([
      '姓名',
      '身份证号',
      '人员类型',
      '联系电话',
      '所属社区代码',
      '住址',
      '类别',
      '关爱等级',
      '接受探访意愿',
      '紧急联系人',
      '紧急联系人电话',
    ]);
    expect(lines.map((l) => l[0])).toEqual(['张三', '赵森']);
    expect(lines[0]?.[1]).toBe(`${zhang.idNumber.slice(0, 6)}********${zhang.idNumber.slice(-4)}`);
    expect(lines[0]?.[3]).toBe('139****5678');
    expect(lines[0]?.[9]).toBe('张小明');
    const [logged] = await rows<{ detail: { rows: number; unmasked: boolean } }>(
      t.db,
      sql`select detail from audit_log where action = 'export' and user_id = ${officer.user.id} order by id desc limit 1`,
    );
    expect(logged?.detail).toEqual({ rows: 2, unmasked: false });
  });

  it('gives full values only with a reason, to those who may reveal them', async () => {
    const bare = await call(t, officer, {
      method: 'POST',
      url: '/api/subjects/export',
      payload: { q: '张三', unmasked: true },
    });
    expect(bare.status).toBe(400);
    expect(bare.body.error.code).toBe('subject.unmasked_needs_reason');
    const res = await call(t, officer, {
      method: 'POST',
      url: '/api/subjects/export',
      payload: { q: '张三', unmasked: true, reason: '报送区民政局核对' },
    });
    const [, line] = await load(res.res.rawPayload);
    expect(line?.[1]).toBe(zhang.idNumber);
    expect(line?.[3]).toBe('13912345678');
  });
});
