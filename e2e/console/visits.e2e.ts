import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import ExcelJS from '../../server/platform/excel/exceljs.ts';
import { openDropdown } from '../support/antd.ts';
import {
  dialogsSettled,
  downloadFrom,
  launchBrowser,
  openPage,
  signInConsole,
} from '../support/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

describe('the visit ledger', () => {
  test('a community worker records a phone visit of 张三 (记录电话探访), sees it in the ledger and opens it', async (ctx) => {
    const page = await openPage(browser, ctx);
    await signInConsole(page, 'community1');
    await page.getByRole('menuitem', { name: '巡访台账' }).click();
    await page.waitForURL('**/visits');
    await page.getByTestId('visits-table').waitFor();

    await page.getByTestId('record-visit').click();
    await dialogsSettled(page);
    const dialog = page.getByRole('dialog');
    await dialog.getByText('记录电话探访').waitFor();
    // the subject is searched on the server by name
    await page.locator('#subjectId').click();
    await page.locator('#subjectId').fill('张三');
    await openDropdown(page).getByText('张三', { exact: true }).first().click();
    // by phone, met, the last ten minutes: the defaults
    await expect(dialog.getByRole('radio', { name: '电话探访' }).isChecked()).resolves.toBe(true);
    const note = `电话问候，身体状况良好 ${Date.now()}`;
    await page.locator('#note').fill(note);

    const saved = page.waitForResponse(
      (res) => new URL(res.url()).pathname === '/api/visits' && res.request().method() === 'POST',
    );
    await page.locator('#record-visit-submit').click();
    const res = await saved;
    expect(res.status()).toBe(201);
    expect(res.request().headers()['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    const visit = (await res.json()) as { id: string; kind: string; durationMinutes: number };
    expect(visit).toMatchObject({ kind: 'phone', durationMinutes: 10 });
    await page.getByText('已记录张三的电话探访').waitFor();

    // the ledger is refreshed: the visit is in it, newest first
    const row = page.locator(`tr[data-row-key="${visit.id}"]`);
    await row.waitFor();
    await expect(row.innerText()).resolves.toMatch(
      /张三[\s\S]*电话探访[\s\S]*见到本人[\s\S]*10 分钟[\s\S]*计入/,
    );

    await row.getByText('电话探访').click();
    const drawer = page.getByTestId('visit-drawer');
    await drawer.getByTestId('visit-note').getByText(note).waitFor();
    await expect(drawer.getByTestId('visit-outcome').innerText()).resolves.toBe('见到本人');
    await drawer.getByText('探访评估').waitFor();
    await drawer.getByText('社区工作者 刘敏', { exact: true }).waitFor();
  });

  test('王芳 exports the ledger as filtered (phone visits): masked, watermarked with her name, audited', async (ctx) => {
    const page = await openPage(browser, ctx);
    await signInConsole(page, 'dabei');
    await page.goto('/visits?kind=phone');
    await page.getByTestId('visits-table').locator('.ant-table-row').first().waitFor();
    const file = await downloadFrom(page, () => page.getByTestId('export-visits').click());
    expect(file.name).toMatch(/^巡访台账.*\.xlsx$/);
    await page.getByText(/已导出 .*（已脱敏，带水印）/).waitFor();

    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.content as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    if (!sheet) throw new Error('no sheet');
    const rows: string[][] = [];
    const width = sheet.getRow(1).cellCount;
    sheet.eachRow((row) =>
      rows.push(Array.from({ length: width }, (_, i) => row.getCell(i + 1).text)),
    );
    const [header, ...body] = rows;
    expect(header).toEqual(expect.arrayContaining(['服务对象', '巡访方式', '巡访结果', '巡访员']));
    expect(body.length).toBeGreaterThan(0);
    const kind = (header as string[]).indexOf('巡访方式');
    for (const r of body) expect(r[kind]).toBe('电话探访');
    // nothing that identifies a person by number: no ID number, no phone
    for (const r of body)
      for (const cell of r) expect(cell).not.toMatch(/(?<!\d)(\d{17}[\dX]|1[3-9]\d{9})(?!\d)/);
    expect(book.subject).toMatch(/^导出人 dabei .*仅限工作使用/);
    expect(sheet.headerFooter.oddHeader).toContain('导出人 dabei');

    // the export is in the audit log, as the administrator reads it
    const admin = await openPage(browser, ctx);
    await signInConsole(admin, 'admin');
    const audit = await admin.request.get(
      '/api/audit-log?action=visit.export&username=dabei&pageSize=5',
    );
    expect(audit.status()).toBe(200);
    expect(((await audit.json()) as { total: number }).total).toBeGreaterThan(0);
  });
});
