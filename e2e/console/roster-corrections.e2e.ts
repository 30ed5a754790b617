import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { rosterHeaders } from '../../server/modules/subjects/contract.ts';
import { makeIdNumber } from '../../server/platform/contract/id-number.ts';
import ExcelJS from '../../server/platform/excel/exceljs.ts';
import { launchBrowser, openPage, signInConsole } from '../support/browser.ts';

/*
 * Issue 8 item 13 in 大北街道's roster four months ahead (no other browser test uses it): each
 * community's progress in the street's round, a confirmation before submitting, the submission
 * taken back, and after approval a correction entered into the month's first correction round.
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

function month(offset: number): string {
  const shanghai = { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' } as const;
  const at = new Date(`${new Intl.DateTimeFormat('en-CA', shanghai).format(new Date())}-01T00:00Z`);
  at.setUTCMonth(at.getUTCMonth() + offset);
  return at.toISOString().slice(0, 7);
}
const monthTitle = (ym: string) => `${Number(ym.slice(0, 4))}年${Number(ym.slice(5))}月`;

/** A template-shaped file with one elder per name (fresh synthetic ID numbers). */
async function rosterFile(names: string[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('名册');
  const headers = Object.values(rosterHeaders) as string[];
  sheet.addRow(headers);
  names.forEach((name, i) => {
    const day = new Date(Date.UTC(1941, 0, 1 + Math.floor(Math.random() * 365)));
    const values: Record<string, string> = {
      姓名: name,
      身份证号: makeIdNumber('210104', day.toISOString().slice(0, 10), 500 + i, 'female'),
      人员类型: '老年人',
      联系电话: `1370000020${i}`,
      所属社区代码: COMMUNITY,
      住址: `沈阳市大东区大北街${i + 5}号`,
      类别: '独居',
      关爱等级: '重点探访',
      接受探访意愿: '是',
    };
    sheet.addRow(headers.map((h) => values[h] ?? ''));
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}

const status = (page: Page) => page.getByTestId('round-header').getByTestId('round-status');
const confirmDialog = (page: Page) => page.locator('.ant-modal-confirm');

/** Uploads a file through 上传名册 or 录入更正 and answers the check's line. */
async function uploadThrough(page: Page, button: string, file: Buffer): Promise<string> {
  await page.getByRole('button', { name: button }).click();
  const dialog = page.locator('.ant-modal').filter({ hasText: '上传名册' });
  await dialog
    .locator('input[type=file]')
    .setInputFiles({ name: '名册.xlsx', mimeType: XLSX, buffer: file });
  const passed = dialog.getByText('校验通过');
  await passed.waitFor();
  const text = await passed.innerText();
  await dialog.getByRole('button', { name: '确认导入' }).click();
  await dialog.getByTestId('upload-done').waitFor();
  await dialog.getByRole('button', { name: /^完\s?成$/ }).click();
  await dialog.waitFor({ state: 'hidden' });
  return text;
}

describe('a street’s round, community by community', () => {
  test('progress, a confirmed submission taken back, approval, then a correction round', async (ctx) => {
    const ym = month(4);
    const worker = await openPage(browser, ctx);
    await signInConsole(worker, 'community1');
    await worker.goto(`/roster-rounds?month=${ym}`);
    await uploadThrough(worker, '上传名册', await rosterFile(['韩淑珍', '曹玉梅']));
    await worker.getByRole('link', { name: '大北街道' }).click();
    await worker.waitForURL(/\/roster-rounds\/[0-9a-f-]{36}$/);

    // every community of the street, and which have uploaded
    const progress = worker.getByTestId('community-progress');
    await progress.getByTestId('progress-state').first().waitFor();
    const states = await progress.getByTestId('progress-state').allInnerTexts();
    expect(states.filter((s) => s === '已上传')).toHaveLength(1);
    expect(states.filter((s) => s === '未上传').length).toBeGreaterThan(0);
    const ours = progress.locator('.ant-table-row', { has: worker.getByText('已上传') });
    expect(await ours.getByTestId('progress-rows').innerText()).toBe('2');
    expect(await ours.getByTestId('progress-last').innerText()).toContain('社区工作者 刘敏');
    const community = await ours.getByTestId('progress-community').innerText();

    // asked first, naming what goes: the whole street's rows, by community, and who is missing
    await worker.getByRole('button', { name: '提交街道审核' }).click();
    const asked = confirmDialog(worker);
    const text = await asked.getByTestId('submit-confirm').innerText();
    expect(text).toContain(`将提交全街道 2 条变更，来自 1 个社区：${community} 2 条`);
    expect(await asked.getByTestId('submit-missing').innerText()).toMatch(/^尚未上传的社区：/);
    await asked.getByRole('button', { name: /^取\s?消$/ }).click();
    await asked.waitFor({ state: 'hidden' });
    expect(await status(worker).innerText()).toBe('编制中');

    await worker.getByRole('button', { name: '提交街道审核' }).click();
    await confirmDialog(worker)
      .getByRole('button', { name: /^提\s?交$/ })
      .click();
    await status(worker).getByText('已提交').waitFor();
    // only what can work: no upload while the street has it, and the submission can come back
    expect(await worker.getByRole('button', { name: '上传名册' }).count()).toBe(0);
    await worker.getByRole('button', { name: '撤回提交' }).click();
    await confirmDialog(worker).getByRole('button', { name: '撤回提交' }).click();
    await worker.getByText('已撤回提交，名册重新编制中').waitFor();
    await status(worker).getByText('编制中').waitFor();
    await worker.getByRole('button', { name: '上传名册' }).waitFor();

    await worker.getByRole('button', { name: '提交街道审核' }).click();
    await confirmDialog(worker)
      .getByRole('button', { name: /^提\s?交$/ })
      .click();
    await status(worker).getByText('已提交').waitFor();

    const street = await openPage(browser, ctx);
    await signInConsole(street, 'dabei');
    await street.goto(worker.url());
    await street.getByRole('button', { name: /^确\s?认$/ }).click();
    await confirmDialog(street)
      .getByRole('button', { name: /^确\s?认$/ })
      .click();
    await status(street).getByText('已确认').waitFor();

    // after approval a death or a move is not lost: it goes into the month's correction round
    await worker.reload();
    await status(worker).getByText('已确认').waitFor();
    expect(await worker.getByTestId('round-alert').innerText()).toContain('更正名册');
    expect(await worker.getByRole('button', { name: '提交街道审核' }).count()).toBe(0);
    const check = await uploadThrough(worker, '录入更正', await rosterFile(['龚秀兰']));
    expect(check).toContain(`${monthTitle(ym)}名册已确认，将进入第 1 次更正名册`);
    const rounds = worker.getByTestId('month-rounds');
    await rounds.getByRole('link', { name: '更正 1' }).click();
    await worker.getByTestId('round-correction').getByText('第 1 次更正').waitFor();
    await status(worker).getByText('编制中').waitFor();
    expect(await worker.getByTestId('entry-name').allInnerTexts()).toEqual(['龚秀兰']);
    // reviewed the same way: submitted with the same confirmation
    await worker.getByRole('button', { name: '提交街道审核' }).click();
    expect(await confirmDialog(worker).getByTestId('submit-confirm').innerText()).toContain(
      '将提交全街道 1 条变更',
    );
  }, 120_000);
});
