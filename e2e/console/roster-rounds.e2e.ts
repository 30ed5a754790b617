import ExcelJS from '../../server/platform/excel/exceljs.ts';
import type { Worksheet } from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeIdNumber } from '../../server/platform/contract/id-number.ts';
import { openDropdown } from '../support/antd.ts';
import { downloadFrom, launchBrowser, openPage, signInConsole } from '../support/browser.ts';

/*
 * The monthly roster of 大北街道 (V2), in the current month: the e2e database is fresh per run
 * (global-setup seeds it once) and no other test touches rosters, so the month is free. The removal
 * test works in the next month, so neither test depends on what the other leaves.
 */

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

const COMMUNITY = '210104002001';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** `YYYY-MM` in Asia/Shanghai, `offset` months from now. */
function month(offset = 0): string {
  const shanghai = { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' } as const;
  const at = new Date(`${new Intl.DateTimeFormat('en-CA', shanghai).format(new Date())}-01T00:00Z`);
  at.setUTCMonth(at.getUTCMonth() + offset);
  return at.toISOString().slice(0, 7);
}
const monthTitle = (ym: string) => `${Number(ym.slice(0, 4))}年${Number(ym.slice(5))}月`;

/** A fresh synthetic ID number of an elder born on a random day of 1940, random sequence. */
function idNumber(sex: 'male' | 'female'): string {
  const day = new Date(Date.UTC(1940, 0, 1 + Math.floor(Math.random() * 366))).toISOString();
  return makeIdNumber('210104', day.slice(0, 10), Math.floor(Math.random() * 500), sex);
}
/** The same number with another check character: the format holds, the check fails. */
const wrongCheck = (id: string) => id.slice(0, 17) + (id[17] === '1' ? '2' : '1');

type Person = { name: string; id: string; phone: string; address: string };
const people: Person[] = [
  { name: '郑福生', id: idNumber('male'), phone: '13700000101', address: '大北街1号1-1-1' },
  { name: '钱秀英', id: idNumber('female'), phone: '13700000102', address: '大北街2号2-2-2' },
  { name: '孙玉兰', id: idNumber('female'), phone: '13700000103', address: '大北街3号3-3-3' },
  { name: '周长海', id: idNumber('male'), phone: '13700000104', address: '大北街4号4-4-4' },
];

const rowOf = (p: Person, headers: string[]) => {
  const values: Record<string, string> = {
    姓名: p.name,
    身份证号: p.id,
    人员类型: '老年人',
    联系电话: p.phone,
    所属社区代码: COMMUNITY,
    住址: `沈阳市大东区${p.address}`,
    类别: '独居',
    关爱等级: '重点探访',
    接受探访意愿: '是',
    紧急联系人: '李建国',
    紧急联系人电话: '13900000100',
  };
  return headers.map((h) => values[h] ?? '');
};

/** The downloaded template with `rows` under its own headers (row 1 of its first sheet). */
async function fill(template: Buffer, rows: Person[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(template as unknown as ArrayBuffer);
  const sheet = book.worksheets[0] as Worksheet;
  const headers = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  rows.forEach((p, i) => {
    const row = sheet.getRow(i + 2);
    rowOf(p, headers).forEach((v, c) => (row.getCell(c + 1).value = v));
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}

const modal = (page: Page) => page.locator('.ant-modal').filter({ hasText: '上传名册' });
const streetRow = (page: Page, street: string) =>
  page.locator('.ant-table-row', { has: page.getByText(street, { exact: true }) });
const entryRow = (page: Page, name: string) =>
  page.getByTestId('round-entries').locator('.ant-table-row', { hasText: name });
const status = (page: Page) => page.getByTestId('round-header').getByTestId('round-status');

/** Opens 上传名册 (on the list or the round page), checks the file and returns the dialog. */
async function chooseFile(page: Page, file: Buffer, name: string) {
  await page.getByRole('button', { name: '上传名册' }).click();
  await modal(page)
    .locator('input[type=file]')
    .setInputFiles({ name, mimeType: XLSX, buffer: file });
  await modal(page).getByTestId('upload-check').waitFor();
  return modal(page);
}

async function importFile(page: Page, file: Buffer, name: string, rows: number) {
  const dialog = await chooseFile(page, file, name);
  await dialog.getByText(`校验通过：${rows} 行可以导入`).waitFor();
  await dialog.getByRole('button', { name: '确认导入' }).click();
  await dialog.getByTestId('upload-done').getByText(`已导入 ${rows} 行`).waitFor();
  // imported is not submitted: the dialog says what is still to do
  expect(await dialog.getByTestId('upload-next').innerText()).toContain('尚未提交街道');
  await dialog.getByRole('button', { name: /^完\s?成$/ }).click();
  await dialog.waitFor({ state: 'hidden' });
}

/** 提交街道审核, then the confirmation naming what goes to the street; answers its text. */
async function submitRound(page: Page): Promise<string> {
  await page.getByRole('button', { name: '提交街道审核' }).click();
  const confirm = page
    .locator('.ant-modal-confirm')
    .filter({ has: page.getByTestId('submit-confirm') });
  const text = await confirm.getByTestId('submit-confirm').innerText();
  await confirm.getByRole('button', { name: /^提\s?交$/ }).click();
  await status(page).getByText('已提交').waitFor();
  return text;
}

async function openRound(page: Page, ym: string) {
  await page.goto(`/roster-rounds?month=${ym}`);
  await streetRow(page, '大北街道').getByRole('link', { name: '大北街道' }).click();
  await page.waitForURL(/\/roster-rounds\/[0-9a-f-]{36}$/);
  await page
    .getByTestId('round-title')
    .getByText(`大北街道 · ${monthTitle(ym)}名册`)
    .waitFor();
}

describe('the monthly roster round', () => {
  test('a community uploads with errors, fixes them and submits; the street returns a row, then approves; the district sees it', async (ctx) => {
    const now = month();
    const worker = await openPage(browser, ctx);
    await signInConsole(worker, 'community1');
    await worker.getByRole('menuitem', { name: '月度名册' }).click();
    await worker.waitForURL('**/roster-rounds');
    expect(await worker.locator('#rosters-month').inputValue()).toBe(now);

    const template = await downloadFrom(worker, () =>
      worker.getByRole('button', { name: '下载模板' }).click(),
    );
    expect(template.name).toBe('服务对象名册导入模板.xlsx');

    // a wrong check character and a bad phone: every problem named by row and column
    const [a, b, c, d] = people as [Person, Person, Person, Person];
    const broken = await fill(template.content, [
      a,
      { ...b, id: wrongCheck(b.id) },
      { ...c, phone: '12345' },
      d,
    ]);
    const dialog = await chooseFile(worker, broken, '十二月名册.xlsx');
    expect(await dialog.locator('#upload-month').inputValue()).toBe(now);
    const rejected = dialog.getByTestId('rejected-rows');
    expect(await rejected.locator('.ant-table-row').allInnerTexts()).toEqual([
      expect.stringMatching(/第 3 行\s+身份证号\s+第 3 行“身份证号”：校验位不正确，请核对号码/),
      expect.stringMatching(/第 4 行\s+联系电话\s+第 4 行“联系电话”：手机号应为11位/),
    ]);
    expect(await dialog.innerText()).toContain('有 2 处错误，涉及 2 行');
    expect(await dialog.getByRole('button', { name: '确认导入' }).isDisabled()).toBe(true);

    const errors = await downloadFrom(worker, () =>
      dialog.getByRole('button', { name: '下载错误说明文件' }).click(),
    );
    expect(errors.name).toBe('名册-错误说明.xlsx');
    const annotated = new ExcelJS.Workbook();
    await annotated.xlsx.load(errors.content as unknown as ArrayBuffer);
    const sheet = annotated.worksheets[0] as Worksheet;
    const header = (sheet.getRow(1).values as unknown[]).filter(Boolean).map(String);
    expect(header.at(-1)).toBe('错误说明');
    expect(sheet.getRow(3).getCell(header.length).text).toContain('身份证号');
    await dialog.getByRole('button', { name: /^取\s?消$/ }).click();

    const corrected = await fill(template.content, people);
    await importFile(worker, corrected, '十二月名册-修改.xlsx', 4);
    // the same file again is recognised and changes nothing
    const again = await chooseFile(worker, corrected, '十二月名册-修改.xlsx');
    await again.getByRole('button', { name: '确认导入' }).click();
    await again.getByText(`该文件已导入过${monthTitle(now)}名册，本次未重复导入`).waitFor();
    await again.getByRole('button', { name: /^完\s?成$/ }).click();
    const listed = streetRow(worker, '大北街道');
    await listed.getByText('编制中').waitFor();
    expect(await listed.innerText()).toMatch(/编制中\s+4\s+0\s+0\s+0/);

    await openRound(worker, now);
    expect(
      await worker.getByTestId('round-entries').getByTestId('entry-name').allInnerTexts(),
    ).toEqual(people.map((p) => p.name));
    // the confirmation names what goes to the street: the whole street's rows, by community
    expect(await submitRound(worker)).toMatch(/将提交全街道 4 条变更，来自 1 个社区/);
    await worker.getByRole('button', { name: '提交街道审核' }).waitFor({ state: 'detached' });

    // the street returns 钱秀英's row with a comment
    const street = await openPage(browser, ctx);
    await signInConsole(street, 'dabei');
    await openRound(street, now);
    await street.getByText('请逐条核对').waitFor();
    // the street sees every field of a joining person, masked, before it approves
    const proposed = entryRow(street, a.name).getByTestId('entry-proposed');
    expect(await proposed.getByTestId('proposed-value').allInnerTexts()).toEqual([
      expect.stringMatching(/^男、\d+ 岁$/),
      '137****0101',
      '沈阳市大东区大北街****',
      '独居',
      '重点探访',
      '接受探访',
      '李建国 139****0100',
    ]);
    await entryRow(street, b.name).getByTestId('return-comment').fill('门牌号有误，请核实住址');
    await street.getByRole('button', { name: '退回 (1)' }).click();
    const returning = street.locator('.ant-modal').filter({ hasText: '退回名册' });
    await returning.getByText('将退回 1 条变更').waitFor();
    await returning.locator('#return-overall').fill('请核实后重新提交');
    await returning.getByRole('button', { name: /^退\s?回$/ }).click();
    await street.getByText('名册已退回', { exact: true }).waitFor();
    await status(street).getByText('已退回').waitFor();

    // the community sees the comment, uploads the fixed row and submits again
    await worker.reload();
    await status(worker).getByText('已退回').waitFor();
    expect(await worker.getByTestId('round-comment').innerText()).toBe('请核实后重新提交');
    await worker.getByText('街道已退回 1 条变更').waitFor();
    const back = entryRow(worker, b.name);
    expect(await back.getByTestId('entry-comment').innerText()).toBe(
      '街道意见：门牌号有误，请核实住址',
    );
    const fixed = { ...b, address: '大北街2号2-2-8' };
    await importFile(worker, await fill(template.content, [fixed]), '钱秀英-修改.xlsx', 1);
    // fixed, the row keeps its trace: returned, changed since, with the street's comment
    await back.getByTestId('review-state').getByText('退回后已修改').waitFor();
    expect(await back.getByTestId('entry-comment').innerText()).toBe(
      '街道意见：门牌号有误，请核实住址',
    );
    await submitRound(worker);

    await street.reload();
    await street.getByRole('button', { name: /^确\s?认$/ }).click();
    const confirm = street.locator('.ant-modal-confirm');
    await confirm.getByText('新增 4 人、变更 0 人、移出 0 人将写入名册').waitFor();
    await confirm.getByRole('button', { name: /^确\s?认$/ }).click();
    await street.getByText('名册已确认', { exact: true }).waitFor();
    await status(street).getByText('已确认').waitFor();

    // the district: 大北街道 approved, the other nine streets not reported; the round's additions
    const district = await openPage(browser, ctx);
    await signInConsole(district, 'dadong');
    await district.getByRole('menuitem', { name: '月度名册' }).click();
    await streetRow(district, '大北街道').getByText('已确认').waitFor();
    // 4 joined, 1 returned by the street (and fixed) on the way
    expect(await streetRow(district, '大北街道').innerText()).toMatch(/已确认\s+4\s+0\s+0\s+1/);
    expect(await district.getByRole('button', { name: '上传名册' }).count()).toBe(0);
    const statuses = await district.getByTestId('round-status').allInnerTexts();
    expect(statuses).toEqual(['已确认', ...Array(9).fill('未报送')]);
    expect(await district.getByTestId('round-summary').innerText()).toContain('未报送 9');
    await openRound(district, now);
    await district.getByTestId('tab-add').getByText('4').waitFor();
    expect((await district.getByTestId('entry-name').allInnerTexts()).sort()).toEqual(
      people.map((p) => p.name).sort(),
    );

    // the household file of one added: 纳入名册 on its timeline
    await district.getByRole('menuitem', { name: '服务对象' }).click();
    await district.waitForURL('**/subjects');
    await district.getByPlaceholder('精确查找：身份证号或电话').fill(a.id);
    await district.getByPlaceholder('精确查找：身份证号或电话').press('Enter');
    await district.getByTestId('exact-result').waitFor();
    await district.locator('.ant-table-row', { hasText: a.name }).click();
    await district.waitForURL(/\/households\/[0-9a-f-]{36}$/);
    const timeline = district.getByTestId('household-timeline');
    await timeline.getByTestId('event-title').getByText('纳入名册').waitFor();

    // two months back (demo data): nine streets approved, 前进街道 still under review and late
    await district.goto(`/roster-rounds?month=${month(-2)}`);
    await district.getByTestId('round-late').first().waitFor();
    expect(await district.getByTestId('round-status').allInnerTexts()).toEqual([
      ...Array(9).fill('已确认'),
      '已提交',
    ]);
    expect(await district.getByTestId('round-late').count()).toBe(1);
    await streetRow(district, '前进街道').getByTestId('round-late').waitFor();
  }, 180_000);

  test('uploading into an approved month says once that the rows go into its correction round', async (ctx) => {
    // two months back, the demo data has 大北街道's round approved (nothing is imported here)
    const locked = month(-2);
    const page = await openPage(browser, ctx);
    await signInConsole(page, 'community1');
    await page.goto(`/roster-rounds?month=${locked}`);
    const template = await downloadFrom(page, () =>
      page.getByRole('button', { name: '下载模板' }).click(),
    );
    const file = await fill(template.content, [people[0] as Person]);
    await page.getByRole('button', { name: '上传名册' }).click();
    const dialog = modal(page);
    expect(await dialog.locator('#upload-month').inputValue()).toBe(locked);
    await dialog
      .locator('input[type=file]')
      .setInputFiles({ name: '已确认月份.xlsx', mimeType: XLSX, buffer: file });
    await dialog.getByTestId('upload-check').waitFor();
    // one message: where the rows would go, and an import that can work
    expect(await dialog.getByText('校验通过').innerText()).toBe(
      `校验通过：1 行可以导入${monthTitle(locked)}名册；${monthTitle(locked)}名册已确认，将进入第 1 次更正名册`,
    );
    expect(await dialog.getByTestId('upload-error').count()).toBe(0);
    expect(await dialog.getByRole('button', { name: '确认导入' }).isDisabled()).toBe(false);
    await dialog.getByRole('button', { name: /^取\s?消$/ }).click();
  }, 60_000);

  test('a community worker proposes a removal from the household file, sees it with its reason, and withdraws it', async (ctx) => {
    const next = month(1);
    const page = await openPage(browser, ctx);
    await signInConsole(page, 'community1');
    await page.goto('/subjects');
    const row = page.locator('.ant-table-row').filter({ hasNotText: '张三' }).first();
    const name = (await row.getByTestId('subject-name').innerText()).trim();
    await row.click();
    await page.waitForURL(/\/households\//);
    const member = page
      .getByTestId('household-members')
      .locator('.ant-table-row', { has: page.getByText(name, { exact: true }) });
    await member.getByRole('button', { name: '移出名册' }).click();

    const dialog = page.locator('.ant-modal').filter({ hasText: `将 ${name} 移出名册` });
    await dialog.locator('#removal-month').click();
    await dialog.locator('#removal-month').fill(next);
    await dialog.locator('#removal-month').press('Enter');
    await dialog.locator('#removalReason').click();
    await openDropdown(page).getByText('死亡', { exact: true }).click();
    await dialog.locator('#removalNote').fill('家属告知已于本月去世');
    await dialog.getByRole('button', { name: '移出名册' }).click();
    await page.getByText(`已申请将 ${name} 移出名册，街道确认后生效`).waitFor();

    await openRound(page, next);
    await page.getByTestId('tab-remove').click();
    const entry = entryRow(page, name);
    expect(await entry.getByTestId('entry-reason').innerText()).toBe('死亡');
    expect(await entry.innerText()).toContain('家属告知已于本月去世');
    await entry.getByRole('button', { name: /^撤\s?回$/ }).click();
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /^撤\s?回$/ })
      .click();
    await page.getByText('已撤回', { exact: true }).waitFor();
    await entry.waitFor({ state: 'detached' });
  }, 60_000);
});
