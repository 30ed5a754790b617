import { sql } from 'drizzle-orm';
import ExcelJS from '../../platform/excel/exceljs.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../db/client.ts';
import { actorsFor, call, type Session } from '../../test/actors.ts';
import { makeCommunity, makeStreet } from '../../test/factories.ts';
import { createTestApp, MINUTE, type TestApp } from '../../test/harness.ts';
import {
  multipart,
  ROSTER_HEADERS,
  rosterRow,
  rosterWorkbook,
  type SheetRow,
} from '../../test/roster-support.ts';
import { makeSubject, uniqueIdNumber } from '../../test/subject-factories.ts';

let t: TestApp;
let street: string;
let community: string;
let worker: Session;
let officer: Session;
const month = '2026-11';

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

async function upload(
  sheet: SheetRow[],
  opts: { dryRun?: boolean; as?: Session; month?: string } = {},
) {
  const { payload, headers } = multipart(await rosterWorkbook(sheet));
  return call(t, opts.as ?? worker, {
    method: 'POST',
    url: `/api/subjects/import?month=${opts.month ?? month}${opts.dryRun ? '&dryRun=true' : ''}`,
    payload,
    headers,
  });
}

/** An upload of the next month with these headers (the household's optional columns, say). */
async function uploadWith(headers: string[], sheet: SheetRow[]) {
  const { payload, headers: h } = multipart(await rosterWorkbook(sheet, headers));
  return call(t, worker, {
    method: 'POST',
    url: '/api/subjects/import?month=2026-12',
    payload,
    headers: h,
  });
}

const submit = (id: string) =>
  call(t, worker, { method: 'POST', url: `/api/roster-rounds/${id}/submit` });
const liveCount = async () =>
  (
    await rows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from subjects where division_code = ${community}`,
    )
  )[0]?.n;
const entryCount = async () =>
  (
    await rows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from roster_entries where division_code = ${community}`,
    )
  )[0]?.n;

describe('an upload with errors', () => {
  it('names every problem of every row by row number and header, and writes nothing', async () => {
    const dup = uniqueIdNumber();
    const sheet = [
      rosterRow(community, { 身份证号: dup }),
      rosterRow(community, { 身份证号: '210104194501010012', 联系电话: '12345' }),
      rosterRow(community, { 身份证号: dup }),
      rosterRow(community, {
        人员类型: '老人家',
        类别: '独居、外星人',
        所属社区代码: '210104999999',
      }),
      rosterRow(community, { 姓名: '', 接受探访意愿: '否' }),
      rosterRow(community, { 身份证号: uniqueIdNumber('2015-01-01'), 人员类型: '老年人' }),
    ];
    const before = await entryCount();
    const dry = await upload(sheet, { dryRun: true });
    expect(dry.status).toBe(200);
    expect(dry.body.accepted).toBe(1);
    const got = dry.body.rejected.map((r: { row: number; field: string; code: string }) => [
      r.row,
      r.field,
      r.code,
    ]);
    expect(got).toEqual([
      [3, '身份证号', 'import.id_number_check_digit'],
      [3, '联系电话', 'import.phone_invalid'],
      [4, '身份证号', 'roster.duplicate_in_file'],
      [5, '人员类型', 'roster.kind_unknown'],
      [5, '所属社区代码', 'roster.community_unknown'],
      [6, '姓名', 'import.required'],
      [7, '人员类型', 'roster.kind_age'],
    ]);
    expect(dry.body.rejected[0].message).toBe('第 3 行“身份证号”：校验位不正确，请核对号码');
    expect(dry.body.rejected[2].message).toBe('第 4 行“身份证号”：与第 2 行的身份证号重复');

    const real = await upload(sheet);
    expect(real.status).toBe(200);
    expect(real.body.committed).toBe(false);
    expect(await entryCount()).toBe(before);
  });

  it('offers the file back with an 错误说明 column', async () => {
    const { payload, headers } = multipart(
      await rosterWorkbook([rosterRow(community, { 身份证号: '123' })]),
    );
    const res = await call(t, worker, {
      method: 'POST',
      url: '/api/subjects/import/error-file',
      payload,
      headers,
    });
    expect(res.status).toBe(200);
    expect(res.res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    const header = (sheet?.getRow(1).values as string[]).filter(Boolean);
    expect(header.at(-1)).toBe('错误说明');
    expect(String(sheet?.getRow(2).getCell(header.length).text)).toContain('身份证号');
  });

  it('refuses a file that is not the template, saying which headers are missing', async () => {
    const { payload, headers } = multipart(
      await rosterWorkbook([{ 姓名: '王五' }], ['姓名', '电话']),
    );
    const res = await call(t, worker, {
      method: 'POST',
      url: '/api/subjects/import',
      payload,
      headers,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('roster.file_headers');
    expect(res.body.error.message).toContain('身份证号');
    const notXlsx = multipart(Buffer.from('姓名,身份证号\n'));
    const bad = await call(t, worker, { method: 'POST', url: '/api/subjects/import', ...notXlsx });
    expect(bad.body.error.code).toBe('import.file_not_xlsx');
    const none = await call(t, worker, {
      method: 'POST',
      url: '/api/subjects/import',
      payload: {},
    });
    expect(none.body.error.code).toBe('common.file_required');
  });
});

describe('the monthly round', () => {
  it('runs upload → submit → return one row → fix → approve, and only then changes the live roster', async () => {
    const existing = await makeSubject(t.db, t.ctx.sensitive, {
      divisionCode: community,
      name: '周桂兰',
      mobile: '13700000001',
      address: '沈阳市大东区测试路1号1-1-1',
      contacts: [{ name: '刘建国', relation: 'other', isEmergency: true, phone: '13900001234' }],
    });
    const leaving = await makeSubject(t.db, t.ctx.sensitive, {
      divisionCode: community,
      name: '吴长顺',
    });
    const newcomer = uniqueIdNumber('1939-09-09', 'male');
    const sheet = [
      rosterRow(community, { 姓名: '郑福生', 身份证号: newcomer }),
      rosterRow(community, {
        姓名: '周桂兰',
        身份证号: existing.idNumber,
        联系电话: '13700000002',
        关爱等级: '普通巡访',
        类别: '独居',
      }),
    ];
    const first = await upload(sheet);
    expect(first.body).toMatchObject({ accepted: 2, committed: true, rejected: [] });
    const again = await upload(sheet);
    expect(again.body).toMatchObject({ duplicateFile: true, committed: false, rejected: [] });
    // the same rows in another file are not duplicates of themselves, and change nothing
    const reordered = await upload([...sheet].reverse());
    expect(reordered.body).toMatchObject({ accepted: 2, rejected: [], unchanged: 2 });
    const live = (await liveCount()) ?? 0;

    const removal = await call(t, worker, {
      method: 'POST',
      url: '/api/roster-rounds/removals',
      payload: { subjectId: leaving.id, removalReason: 'death', month },
    });
    expect(removal.status, JSON.stringify(removal.body)).toBe(201);

    const list = await call(t, worker, {
      method: 'GET',
      url: '/api/roster-rounds',
      query: { month },
    });
    const round = list.body.items[0];
    expect(round.counts).toEqual({ add: 1, change: 1, remove: 1, returned: 0, fixed: 0 });
    const detail = await call(t, officer, { method: 'GET', url: `/api/roster-rounds/${round.id}` });
    const change = detail.body.entries.find((e: { action: string }) => e.action === 'change');
    expect(change.changes).toEqual([
      { field: 'phone', before: '137****0001', after: '137****0002' },
    ]);

    expect((await submit(round.id)).status).toBe(200);
    // while the street reviews, nothing more goes in
    const during = await upload([rosterRow(community)]);
    expect(during.body.error.code).toBe('roster.round_closed');
    expect(during.body.error.message).toBe('2026年11月名册已提交，不能再修改');
    // a dry run answers as the import would: no check that passes a month that takes nothing
    const dryDuring = await upload([rosterRow(community)], { dryRun: true });
    expect(dryDuring.status).toBe(409);
    expect(dryDuring.body.error.code).toBe('roster.round_closed');
    const added = detail.body.entries.find((e: { action: string }) => e.action === 'add');
    const returned = await call(t, officer, {
      method: 'POST',
      url: `/api/roster-rounds/${round.id}/return`,
      payload: { comments: [{ entryId: added.id, comment: '住址门牌号有误' }] },
    });
    expect(returned.body.status).toBe('returned');
    const blocked = await submit(round.id);
    expect(blocked.body.error.code).toBe('roster.returned_rows_open');

    const fixed = await upload([
      rosterRow(community, {
        姓名: '郑福生',
        身份证号: newcomer,
        住址: '沈阳市大东区测试路2号2-2-2',
      }),
    ]);
    expect(fixed.body.committed).toBe(true);
    // the fixed row keeps its trace: returned, fixed since, with the street's comment
    const afterFix = await call(t, officer, {
      method: 'GET',
      url: `/api/roster-rounds/${round.id}`,
    });
    expect(afterFix.body.counts).toMatchObject({ returned: 1, fixed: 1 });
    expect(afterFix.body.entries.find((e: { id: string }) => e.id === added.id)).toMatchObject({
      reviewState: 'fixed',
      reviewComment: '住址门牌号有误',
    });
    expect((await submit(round.id)).status).toBe(200);
    expect(await liveCount()).toBe(live);

    t.clock.advance(MINUTE);
    const approved = await call(t, officer, {
      method: 'POST',
      url: `/api/roster-rounds/${round.id}/approve`,
    });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body.status).toBe('approved');
    // 退回时间 stays the return's; 确认时间 is the approval's own
    expect(approved.body.reviewedAt).toBe(returned.body.reviewedAt);
    expect(approved.body.approvedAt).toBe(t.clock.now().toISOString());
    expect(approved.body.approvedAt).not.toBe(approved.body.reviewedAt);
    // the district still sees that the street returned a change
    expect(approved.body.counts).toMatchObject({ returned: 1, fixed: 1 });
    expect(await liveCount()).toBe(live + 1);
    const found = await call(t, officer, {
      method: 'POST',
      url: '/api/subjects/search',
      payload: { idNumber: newcomer },
    });
    expect(found.body.items[0]).toMatchObject({ name: '郑福生', careLevel: 'key' });
    const zhou = await call(t, officer, { method: 'GET', url: `/api/subjects/${existing.id}` });
    expect(zhou.body.mobileMasked).toBe('137****0002');
    const gone = await call(t, officer, { method: 'GET', url: `/api/subjects/${leaving.id}` });
    expect(gone.body).toMatchObject({ status: 'removed', removedReason: 'death' });
    const file = await call(t, officer, {
      method: 'GET',
      url: `/api/households/${leaving.householdId}`,
    });
    expect(file.body.events.map((e: { kind: string }) => e.kind)).toContain('subject.removed');

    // approved, the month takes no more changes into this round: they would go into a correction
    const closed = await upload([rosterRow(community)], { dryRun: true });
    expect(closed.status).toBe(200);
    expect(closed.body.into).toEqual([
      { divisionCode: street, month, sequence: 1, correctsMonth: null },
    ]);
  });

  it('refuses a person another area has on its roster without saying where', async () => {
    const elsewhere = await makeSubject(t.db, t.ctx.sensitive, {
      divisionCode: (await makeStreet(t.db)).code,
    });
    // the next month: this one is approved by the test before
    const res = await upload([rosterRow(community, { 身份证号: elsewhere.idNumber })], {
      dryRun: true,
      month: '2026-12',
    });
    expect(res.body.rejected).toEqual([
      expect.objectContaining({
        row: 2,
        field: '身份证号',
        code: 'roster.duplicate_elsewhere',
        message: '第 2 行“身份证号”：此人已在其他地区的名册中',
      }),
    ]);
  });

  it('says that a child’s category on an elder is a child’s category, not an unknown one', async () => {
    const res = await upload([rosterRow(community, { 类别: '独居、孤儿' })], {
      dryRun: true,
      month: '2026-12',
    });
    expect(res.body.rejected).toEqual([
      expect.objectContaining({
        row: 2,
        field: '类别',
        code: 'roster.category_other_kind',
        message: '第 2 行“类别”：“孤儿”是儿童的类别，不能用于老年人',
      }),
    ]);
  });

  it('makes rows with the same 户编号 one household, each with its relation to the head', async () => {
    const headers = [...ROSTER_HEADERS, '户编号', '与户主关系'];
    const [him, her] = [uniqueIdNumber('1940-01-01', 'male'), uniqueIdNumber('1942-02-02')];
    const mixed = await uploadWith(headers, [
      rosterRow(community, { 身份证号: him, 户编号: 'A001', 与户主关系: '户主' }),
      rosterRow(community, { 身份证号: her, 户编号: 'A001', 与户主关系: '配偶', 住址: '别处1号' }),
      rosterRow(community, { 户编号: 'A002', 与户主关系: '邻居' }),
    ]);
    expect(mixed.body.rejected.map((r: { row: number; code: string }) => [r.row, r.code])).toEqual([
      [3, 'roster.household_address'],
      [4, 'import.value_unknown'],
    ]);
    const res = await uploadWith(headers, [
      rosterRow(community, { 身份证号: him, 户编号: 'A001', 与户主关系: '户主' }),
      rosterRow(community, { 身份证号: her, 户编号: 'A001', 与户主关系: '配偶' }),
    ]);
    expect(res.body.committed, JSON.stringify(res.body)).toBe(true);
    const [round] = await rows<{ id: string }>(
      t.db,
      sql`select id from roster_rounds where division_code = ${street} and month = '2026-12'`,
    );
    const detail = await call(t, officer, {
      method: 'GET',
      url: `/api/roster-rounds/${round?.id}`,
    });
    expect(
      detail.body.entries.map(
        (e: { proposed: { householdKey: string; relationToHead: string } }) => [
          e.proposed.householdKey,
          e.proposed.relationToHead,
        ],
      ),
    ).toEqual([
      ['A001', 'head'],
      ['A001', 'spouse'],
    ]);
    const id = round?.id as string;
    expect((await submit(id)).status).toBe(200);
    expect(
      (await call(t, officer, { method: 'POST', url: `/api/roster-rounds/${id}/approve` })).status,
    ).toBe(200);
    const members = await rows<{ household_id: string; relation_to_head: string }>(
      t.db,
      sql`select household_id, relation_to_head from subjects where id_number_hash in (${t.ctx.sensitive.lookupHash(him)}, ${t.ctx.sensitive.lookupHash(her)}) order by relation_to_head desc`,
    );
    expect(members.map((m) => m.relation_to_head)).toEqual(['spouse', 'head']);
    expect(new Set(members.map((m) => m.household_id)).size).toBe(1);
  });

  it('the district sees every street of the month, and which are late', async () => {
    const district = `${street.slice(0, 6)}000000`;
    const bureau = await actorsFor(t).asDistrictOfficer(district);
    const res = await call(t, bureau, {
      method: 'GET',
      url: '/api/roster-rounds',
      query: { month },
    });
    expect(res.status).toBe(200);
    expect(
      res.body.items.map((r: { divisionCode: string; status: string }) => [
        r.divisionCode,
        r.status,
      ]),
    ).toContainEqual([street, 'approved']);
    expect(
      res.body.items.every(
        (r: { late: boolean; status: string }) => r.late === (r.status !== 'approved'),
      ),
    ).toBe(true);
  });
});
