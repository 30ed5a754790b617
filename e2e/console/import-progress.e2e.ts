import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeIdNumber } from '../../server/platform/contract/id-number.ts';
import { toBuffer, writeListExport } from '../../server/platform/excel/export.ts';
import { rosterHeaders } from '../../server/modules/subjects/contract.ts';
import { launchBrowser, openPage, signInConsole } from '../support/browser.ts';

/*
 * Issue 8 item 7: the console shows the progress of a large check. The dry run's answer is held
 * back (the request reaches the server and is answered, the browser gets it only when the test lets
 * it through), so that what the dialog shows meanwhile is certain: the progress the server recorded
 * under the upload's Idempotency-Key, polled by the dialog — every row checked — and then the
 * result. Nothing depends on how fast the check runs.
 */
const COMMUNITY = '210104002001';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ROWS = 3000;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

/** `ROWS` valid elders of 大北街道's first community (the ID numbers of no demo person). */
function largeFile(): Promise<Buffer> {
  const headers = Object.values(rosterHeaders);
  function* rows() {
    for (let i = 0; i < ROWS; i++) {
      const day = new Date(Date.UTC(1931, 0, 1 + (i % 3000))).toISOString().slice(0, 10);
      yield [
        `进度${i}`,
        makeIdNumber('210104', day, 499 - Math.floor(i / 3000), i % 2 ? 'male' : 'female'),
        '老年人',
        '13700000199',
        COMMUNITY,
        '沈阳市大东区大北街9号9-9-9',
        '独居',
        '重点探访',
        '是',
        '李建国',
        '13900000100',
      ];
    }
  }
  return toBuffer((out) => writeListExport(out, '名册', headers, rows()));
}

describe('the progress of a large upload', () => {
  test('while a large file is checked, the dialog shows how far the server has come, then the result', async (ctx) => {
    const page = await openPage(browser, ctx);
    await signInConsole(page, 'community1');
    await page.getByRole('menuitem', { name: '月度名册' }).click();
    await page.waitForURL('**/roster-rounds');

    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    let answered: () => void = () => undefined;
    const serverAnswered = new Promise<void>((resolve) => (answered = resolve));
    await page.route('**/api/subjects/import?*dryRun=true*', async (route) => {
      const response = await route.fetch();
      answered();
      await released;
      await route.fulfill({ response });
    });

    await page.getByRole('button', { name: '上传名册' }).click();
    const dialog = page.locator('.ant-modal').filter({ hasText: '上传名册' });
    await dialog
      .locator('input[type=file]')
      .setInputFiles({ name: '大批名册.xlsx', mimeType: XLSX, buffer: await largeFile() });
    const progress = dialog.getByTestId('upload-progress');
    await progress.waitFor();
    await serverAnswered;
    // the server has checked every row; the dialog, still waiting for its answer, shows it
    await progress.locator('[data-phase="done"]').waitFor();
    expect(await progress.innerText()).toContain(
      `已处理 ${ROWS.toLocaleString('zh-CN')} / ${ROWS.toLocaleString('zh-CN')} 行`,
    );
    expect(await dialog.getByTestId('upload-check').count()).toBe(0);

    release();
    await dialog.getByText(`校验通过：${ROWS} 行可以导入`).waitFor();
    await progress.waitFor({ state: 'detached' });
    expect(await dialog.getByRole('button', { name: '确认导入' }).isEnabled()).toBe(true);
  }, 120_000);
});
