import type { Worksheet } from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import ExcelJS from '../../server/platform/excel/exceljs.ts';
import {
  dialogsSettled,
  downloadFrom,
  launchBrowser,
  openPage,
  signInConsole,
} from '../support/browser.ts';

/*
 * The service organisation's full export of the whole roster (about 3,000 people, more than the
 * 100 that may go out at once): the export dialog says approval is needed and submits the request;
 * the district officer sees who asks, why and for how many, and approves; the organisation then
 * downloads the file once, and the page says it is gone.
 */

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

const REASON = `年度入户核对 ${Date.now()}`;

describe('a full export of the whole roster', () => {
  test('org1 requests it from the export dialog, dadong approves it, org1 downloads it once', async (ctx) => {
    const org = await openPage(browser, ctx);
    await signInConsole(org, 'org1');
    await org.goto('/subjects');
    await org.getByTestId('export-subjects').click();
    await org.getByRole('menuitem', { name: '完整导出' }).click();
    const dialog = org.locator('.ant-modal').filter({ hasText: '完整导出服务对象名册' });
    await dialog.getByText('超过规定人数的完整导出须经区级审批').waitFor();
    await dialog.locator('#export-reason').fill(REASON);
    await dialogsSettled(org);
    await dialog.getByRole('button', { name: /^导\s?出$/ }).click();
    const notice = dialog.getByTestId('export-needs-approval');
    await notice.waitFor();
    expect(await notice.innerText()).toMatch(/超过 100 人/);
    await dialog.getByRole('button', { name: '提交审批申请' }).click();
    await org.getByText('已提交导出申请').waitFor();
    await dialog.waitFor({ state: 'hidden' });

    // the district officer: who, why, how many; approves
    const district = await openPage(browser, ctx);
    await signInConsole(district, 'dadong');
    await district.goto('/export-requests');
    const row = district
      .getByTestId('export-requests-to_decide')
      .locator('.ant-table-row', { hasText: REASON });
    await row.getByText('待审批').waitFor();
    await row.getByRole('button', { name: /^审\s?批$/ }).click();
    const decide = district.locator('.ant-modal').filter({ hasText: '审批导出申请' });
    await decide.waitFor();
    const people = Number(
      (await decide.getByTestId('export-request-people').innerText()).replace(/\D/g, ''),
    );
    expect(people).toBeGreaterThan(100);
    expect(await decide.innerText()).toContain('org1');
    await dialogsSettled(district);
    await decide.getByTestId('export-request-approve').click();
    await district.getByText('已批准，文件生成后申请人可下载一次').waitFor();
    await row.getByText('已批准').waitFor();

    // the requester: the file, once
    await org.goto('/export-requests');
    const mine = org
      .getByTestId('export-requests-mine')
      .locator('.ant-table-row', { hasText: REASON });
    const button = mine.getByRole('button', { name: /下\s?载/ });
    // the file is made by a job after the approval: the live event refreshes the list
    await button.waitFor({ timeout: 30_000 });
    const { name, content } = await downloadFrom(org, () => button.click());
    expect(name).toMatch(/^服务对象名册-\d{8}\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(content as unknown as ArrayBuffer);
    const sheet = book.worksheets[0] as Worksheet;
    expect(sheet.rowCount - 1).toBe(people);
    const idNumber = String(sheet.getRow(2).getCell(2).value ?? '');
    expect(idNumber).toMatch(/^\d{17}[\dX]$/);
    await mine.getByText('已下载').waitFor();
    await expect(button.count()).resolves.toBe(0);
  }, 120_000);
});
