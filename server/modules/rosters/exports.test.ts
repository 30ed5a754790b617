import { sql } from 'drizzle-orm';
import type { Worksheet } from 'exceljs';
import ExcelJS from '../../platform/excel/exceljs.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../db/client.ts';
import { shanghaiDate } from '../../platform/calendar/dates.ts';
import { permissionsOf } from '../../platform/access/permissions.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { actorsFor, call, type Session } from '../../test/actors.ts';
import { makeCommunity, makeStreet } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { multipart, rosterRow, rosterWorkbook, type SheetRow } from '../../test/roster-support.ts';
import { makeSubject, uniqueIdNumber, type TestSubject } from '../../test/subject-factories.ts';
import { revealEntry } from './service.ts';

/*
 * A street's round with a change whose masks read the same before and after (a corrected door
 * number), a joined and a left person, and a second community's addition: the audited reveal of a
 * change's values, the round's and the month's Excel exports, masked unless revealed with a reason.
 */

let t: TestApp;
let street: string;
let community: string;
let other: string;
let worker: Session;
let neighbour: Session;
let officer: Session;
let district: Session;
let zhou: TestSubject;
let leaving: TestSubject;
let roundId: string;
const month = '2026-10';
const newcomer = uniqueIdNumber('1939-09-09', 'male');
type Entry = {
  id: string;
  action: string;
  name: string;
  changes: unknown[];
  proposed: Record<string, unknown> | null;
};
const entries: Record<string, Entry> = {};

async function upload(as: Session, sheet: SheetRow[]) {
  const { payload, headers } = multipart(await rosterWorkbook(sheet));
  const res = await call(t, as, {
    method: 'POST',
    url: `/api/subjects/import?month=${month}`,
    payload,
    headers,
  });
  expect(res.body.committed, JSON.stringify(res.body)).toBe(true);
}

beforeAll(async () => {
  t = await createTestApp();
  street = (await makeStreet(t.db)).code;
  // a second street of the district, which reports nothing this month
  await makeStreet(t.db, { districtCode: `${street.slice(0, 6)}000000` });
  // the export lists a community's changes before the next one's, in code order
  [community, other] = [
    (await makeCommunity(t.db, { streetCode: street })).code,
    (await makeCommunity(t.db, { streetCode: street })).code,
  ].sort() as [string, string];
  const as = actorsFor(t);
  worker = await as.asCommunityWorker(community);
  neighbour = await as.asCommunityWorker(other);
  officer = await as.asStreetOfficer(street);
  district = await as.asDistrictOfficer(`${street.slice(0, 6)}000000`);
  zhou = await makeSubject(t.db, t.ctx.sensitive, {
    divisionCode: community,
    name: '周桂兰',
    mobile: '13700000001',
    address: '沈阳市大东区测试路1号1-1-1',
    categoryCodes: ['living_alone', 'advanced_age'],
    careLevel: 'key',
    contacts: [{ name: '刘建国', relation: 'other', isEmergency: true, phone: '13900001234' }],
  });
  leaving = await makeSubject(t.db, t.ctx.sensitive, { divisionCode: community, name: '吴长顺' });
  await upload(worker, [
    rosterRow(community, { 姓名: '郑福生', 身份证号: newcomer }),
    rosterRow(community, {
      姓名: '周桂兰',
      身份证号: zhou.idNumber,
      联系电话: '13700000002',
      住址: '沈阳市大东区测试路1号1-1-2',
    }),
  ]);
  await upload(neighbour, [rosterRow(other, { 姓名: '孙玉兰' })]);
  const removal = await call(t, worker, {
    method: 'POST',
    url: '/api/roster-rounds/removals',
    payload: { subjectId: leaving.id, removalReason: 'death', month },
  });
  expect(removal.status, JSON.stringify(removal.body)).toBe(201);
  const list = await call(t, officer, {
    method: 'GET',
    url: '/api/roster-rounds',
    query: { month },
  });
  roundId = list.body.items[0].id;
  const detail = await call(t, officer, { method: 'GET', url: `/api/roster-rounds/${roundId}` });
  for (const e of detail.body.entries as Entry[]) entries[e.name] = e;
});
afterAll(async () => {
  await t?.close();
});

const reveal = (as: Session, name: string, field: string, reason?: string) =>
  call(t, as, {
    method: 'POST',
    url: `/api/roster-rounds/${roundId}/entries/${entries[name]?.id}/reveal`,
    payload: { field, ...(reason === undefined ? {} : { reason }) },
  });

async function cells(raw: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(raw as unknown as ArrayBuffer);
  const out: string[][] = [];
  (wb.worksheets[0] as Worksheet).eachRow({ includeEmpty: false }, (row) =>
    out.push(Array.from((row.values as unknown[]).slice(1), (v) => String(v ?? ''))),
  );
  return out;
}

/** Where an export's watermark is: the printed page's header and the file's properties. */
async function watermarkOf(raw: Buffer): Promise<{ header: string; subject: string }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(raw as unknown as ArrayBuffer);
  const sheet = wb.worksheets[0] as Worksheet;
  return { header: sheet.headerFooter.oddHeader ?? '', subject: wb.subject };
}

const lastAudit = async (userId: string, action: string) =>
  (
    await rows<{ entity: string; entity_id: string; reason: string | null; detail: unknown }>(
      t.db,
      sql`select entity, entity_id, reason, detail from audit_log
          where user_id = ${userId} and action = ${action} order by id desc limit 1`,
    )
  )[0];

describe('the masked diff', () => {
  it('shows the corrected address masked alike on both sides, and never what is sealed', async () => {
    expect(entries['周桂兰']?.changes).toEqual([
      { field: 'phone', before: '137****0001', after: '137****0002' },
      { field: 'address', before: '沈阳市大东区测试路****', after: '沈阳市大东区测试路****' },
    ]);
    const detail = await call(t, officer, { method: 'GET', url: `/api/roster-rounds/${roundId}` });
    expect(JSON.stringify(detail.body)).not.toContain('sealed');
    const [stored] = await rows<{ changes: string }>(
      t.db,
      sql`select changes::text as changes from roster_entries where id = ${entries['周桂兰']?.id}`,
    );
    expect(stored?.changes).toContain('sealedBefore');
    expect(stored?.changes).not.toContain('1-1-1');
  });
});

describe('revealing a change', () => {
  it('gives the street the address before and after in full, with a reason, and audits it', async () => {
    const res = await reveal(officer, '周桂兰', 'address', '核对门牌号更正');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({
      field: 'address',
      before: '沈阳市大东区测试路1号1-1-1',
      after: '沈阳市大东区测试路1号1-1-2',
    });
    expect(await lastAudit(officer.user.id, 'sensitive.reveal')).toEqual({
      entity: 'roster_entry',
      entity_id: entries['周桂兰']?.id,
      reason: '核对门牌号更正',
      detail: { field: 'address', round: roundId },
    });
    const phone = await reveal(officer, '周桂兰', 'phone', '核对电话');
    expect(phone.body).toMatchObject({ before: '13700000001', after: '13700000002' });
    // a field the change leaves alone reads the same on both sides
    const contact = await reveal(officer, '周桂兰', 'emergencyPhone', '核对紧急联系人');
    expect(contact.body).toMatchObject({ before: '13900001234', after: '13900001234' });
  });

  it('gives a joined person’s values after only, and a left person’s ID number before only', async () => {
    const joined = await reveal(officer, '郑福生', 'idNumber', '核对新增人员');
    expect(joined.body).toEqual({ field: 'idNumber', before: null, after: newcomer });
    const left = await reveal(officer, '吴长顺', 'idNumber', '核对移出人员');
    expect(left.body).toEqual({ field: 'idNumber', before: leaving.idNumber, after: null });
    const none = await reveal(officer, '吴长顺', 'address', '核对移出人员');
    expect(none.status).toBe(400);
    expect(none.body.error).toMatchObject({
      code: 'roster_entry.reveal_unavailable',
      message: '这条变更没有留存完整的住址',
      fields: [{ field: 'field', code: 'roster_entry.reveal_unavailable' }],
    });
  });

  it('asks for a reason, naming the field, and reveals nothing without one', async () => {
    const res = await reveal(officer, '周桂兰', 'address');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('common.invalid_input');
    expect(res.body.error.fields[0].field).toBe('reason');
    expect(res.body.error.message).toContain('原因');
    expect(JSON.stringify(res.body)).not.toContain('1-1-1');
  });

  it('answers 404 to a worker of the next community, who sees the round but not the entry', async () => {
    const res = await reveal(neighbour, '周桂兰', 'address', '核对');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('roster_entry.not_found');
  });

  it('refuses an actor who may read rounds but not reveal values', async () => {
    const actor: Actor = {
      userId: officer.user.id,
      username: officer.user.username,
      role: 'street_officer',
      permissions: new Set(permissionsOf('street_officer').filter((p) => p !== 'subject.reveal')),
      scope: { divisionCode: street, organisationId: null },
      sessionId: 'test',
      ip: '127.0.0.1',
      requestId: 'test',
    };
    const now = t.clock.now();
    const c = {
      db: t.db,
      actor,
      sensitive: t.ctx.sensitive,
      now,
      today: shanghaiDate(now),
      month,
      config: t.config.roster,
      locale: 'zh-CN' as const,
    };
    await expect(
      revealEntry(c, {
        id: roundId,
        entryId: entries['周桂兰']?.id as string,
        field: 'address',
        reason: '核对',
      }),
    ).rejects.toMatchObject({ code: 'common.forbidden' });
  });
});

describe('the round’s page', () => {
  it('shows every field a joining or changed person would have, masked', async () => {
    expect(entries['郑福生']?.proposed).toEqual({
      sex: 'male',
      age: expect.any(Number),
      phoneMasked: '138****5678',
      communityCode: community,
      addressMasked: '沈阳市大东区测试路****',
      categories: ['living_alone', 'advanced_age'],
      careLevel: 'key',
      consent: 'given',
      consentDate: null,
      refusalReason: null,
      emergencyContact: '刘建国',
      emergencyPhoneMasked: '139****1234',
      hasHealthNotes: false,
      householdKey: null,
      relationToHead: null,
    });
    expect(entries['周桂兰']?.proposed).toMatchObject({ phoneMasked: '137****0002' });
    expect(entries['吴长顺']?.proposed).toBeNull();
    // no full value travels in the view
    expect(JSON.stringify(entries)).not.toContain('13812345678');
    expect(JSON.stringify(entries)).not.toContain(newcomer);
  });
});

describe('the round’s Excel export', () => {
  const exportRound = (as: Session, payload: unknown = {}) =>
    call(t, as, { method: 'POST', url: `/api/roster-rounds/${roundId}/export`, payload });

  it('lists joined, changed field by field and left, masked, saying what changed behind a mask', async () => {
    const res = await exportRound(officer);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const stamp = shanghaiDate(t.clock.now()).replaceAll('-', '');
    expect(decodeURIComponent(String(res.res.headers['content-disposition']))).toContain(
      `${month}名册变更-${stamp}.xlsx`,
    );
    // row 1 is the header; the watermark is in the page header and the file's properties
    const [header, ...lines] = await cells(res.res.rawPayload);
    const mark = await watermarkOf(res.res.rawPayload);
    expect(mark.header).toContain(`导出人 ${officer.user.username}`);
    expect(mark.header).toContain('仅限工作使用');
    expect(mark.subject).toContain(`导出人 ${officer.user.username}`);
    expect(header).toEqual([
      '变更类型',
      '社区名称',
      '所属社区代码',
      '姓名',
      '身份证号',
      '人员类型',
      '变更字段',
      '原值',
      '新值',
      '移出原因',
      '移出说明',
      '文件行号',
      '审核状态',
      '退回意见',
      '性别',
      '年龄',
      '联系电话',
      '住址',
      '类别',
      '关爱等级',
      '接受探访意愿',
      '意愿确认日期',
      '不接受探访原因',
      '紧急联系人',
      '紧急联系人电话',
      '健康状况',
      '户编号',
      '与户主关系',
    ]);
    // a joining person's every field, masked; a removal proposes none
    expect(lines[0]?.slice(14)).toEqual([
      '男',
      expect.stringMatching(/^8\d$/),
      '138****5678',
      '沈阳市大东区测试路****',
      '独居、高龄',
      '重点探访',
      '是',
      '',
      '',
      '刘建国',
      '139****1234',
      // 健康状况 empty: the sheet ends before it
    ]);
    expect(lines.at(-1)?.slice(14)).toEqual([]);
    const brief = lines.map((l) => [l[0], l[3], l[6], l[7], l[8], l[9]]);
    expect(brief).toEqual([
      ['新增', '郑福生', '', '', '', ''],
      ['新增', '孙玉兰', '', '', '', ''],
      ['变更', '周桂兰', '联系电话', '137****0001', '137****0002', ''],
      ['变更', '周桂兰', '住址', '沈阳市大东区测试路****', '沈阳市大东区测试路****（已更改）', ''],
      ['移出', '吴长顺', '', '', '', '死亡'],
    ]);
    expect(lines[0]?.[4]).toBe(`${newcomer.slice(0, 6)}********${newcomer.slice(-4)}`);
    expect(lines.every((l) => l[12] === '编制中')).toBe(true);
    expect(await lastAudit(officer.user.id, 'export')).toEqual({
      entity: 'roster_round',
      entity_id: roundId,
      reason: null,
      detail: { rows: 5, entries: 4, unmasked: false },
    });
  });

  it('gives full values only with a reason, and audits the reason', async () => {
    const bare = await exportRound(officer, { unmasked: true });
    expect(bare.status).toBe(400);
    expect(bare.body.error).toMatchObject({
      code: 'roster.unmasked_needs_reason',
      message: '完整导出身份证号、电话和住址需填写事由',
      fields: [{ field: 'reason', code: 'roster.unmasked_needs_reason' }],
    });
    const res = await exportRound(officer, { unmasked: true, reason: '报送区民政局核对' });
    const lines = (await cells(res.res.rawPayload)).slice(1);
    expect(lines.map((l) => [l[3], l[4], l[7], l[8]])).toEqual([
      ['郑福生', newcomer, '', ''],
      ['孙玉兰', expect.stringMatching(/^\d{17}[\dX]$/), '', ''],
      ['周桂兰', zhou.idNumber, '13700000001', '13700000002'],
      ['周桂兰', zhou.idNumber, '沈阳市大东区测试路1号1-1-1', '沈阳市大东区测试路1号1-1-2'],
      ['吴长顺', leaving.idNumber, '', ''],
    ]);
    expect(await lastAudit(officer.user.id, 'export')).toMatchObject({
      reason: '报送区民政局核对',
      detail: { rows: 5, entries: 4, unmasked: true },
    });
  });

  it('gives a community worker the changes of their own community only', async () => {
    const res = await exportRound(neighbour);
    const lines = (await cells(res.res.rawPayload)).slice(1);
    expect(lines.map((l) => [l[2], l[3]])).toEqual([[other, '孙玉兰']]);
  });

  it('answers 404 for a round of another street', async () => {
    const stranger = await actorsFor(t).asStreetOfficer((await makeStreet(t.db)).code);
    const res = await exportRound(stranger);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('roster.not_found');
  });
});

describe('the month’s Excel export', () => {
  it('lists every street of the district with its round, counts and the streets not reported', async () => {
    const res = await call(t, district, {
      method: 'POST',
      url: '/api/roster-rounds/export',
      payload: { month },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const stamp = shanghaiDate(t.clock.now()).replaceAll('-', '');
    expect(decodeURIComponent(String(res.res.headers['content-disposition']))).toContain(
      `月度名册-${month}-${stamp}.xlsx`,
    );
    const [header, ...lines] = await cells(res.res.rawPayload);
    expect((await watermarkOf(res.res.rawPayload)).subject).toContain('仅限工作使用');
    expect(header?.slice(0, 9)).toEqual([
      '街道',
      '街道代码',
      '月份',
      '状态',
      '是否逾期',
      '新增',
      '变更',
      '移出',
      '退回',
    ]);
    const mine = lines.find((l) => l[1] === street);
    expect(mine?.slice(2, 9)).toEqual([month, '编制中', '是', '2', '1', '1', '0']);
    expect(lines.filter((l) => l[1] !== street).every((l) => l[3] === '未报送')).toBe(true);
    expect(lines.length).toBeGreaterThan(1);
    expect(await lastAudit(district.user.id, 'export')).toMatchObject({
      entity: 'roster_round',
      detail: { month, rows: lines.length, unmasked: false },
    });

    const missing = await call(t, district, {
      method: 'POST',
      url: '/api/roster-rounds/export',
      payload: { month, status: 'missing' },
    });
    const rest = (await cells(missing.res.rawPayload)).slice(1);
    expect(rest.length).toBe(lines.length - 1);
    expect(rest.some((l) => l[1] === street)).toBe(false);
  });

  it('names a wrong month in Chinese', async () => {
    const res = await call(t, district, {
      method: 'POST',
      url: '/api/roster-rounds/export',
      payload: { month: '2026-13' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0].field).toBe('month');
    expect(res.body.error.message).toContain('月份');
  });
});

describe('a change kept before its values were sealed', () => {
  it('says that the full value is not kept, rather than showing a wrong one', async () => {
    await t.db.execute(
      sql`update roster_entries set changes = (select jsonb_agg(c - 'sealedBefore') from jsonb_array_elements(changes) c)
          where id = ${entries['周桂兰']?.id}`,
    );
    const res = await reveal(officer, '周桂兰', 'address', '核对门牌号更正');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('roster_entry.reveal_unavailable');
    const masked = await call(t, officer, {
      method: 'POST',
      url: `/api/roster-rounds/${roundId}/export`,
      payload: { unmasked: true, reason: '报送区民政局核对' },
    });
    const address = (await cells(masked.res.rawPayload)).find((l) => l[6] === '住址');
    expect(address?.slice(7, 9)).toEqual(['沈阳市大东区测试路****', '沈阳市大东区测试路1号1-1-2']);
  });
});
