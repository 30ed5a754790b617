import type { Worksheet } from 'exceljs';
import type { APIRequestContext, Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { rosterHeaders } from '../../server/modules/subjects/contract.ts';
import ExcelJS from '../../server/platform/excel/exceljs.ts';
import {
  dialogsSettled,
  downloadFrom,
  launchBrowser,
  openPage,
  signInConsole,
} from '../support/browser.ts';

/*
 * A corrected door number in 大北街道's roster: masked, the address reads the same before and after,
 * so the round says 已更改 and the street reveals both values with a reason; the round and the
 * month download as Excel. The round is two months ahead, which no other browser test uses, and is
 * never approved: the live roster (张三 of the demo data) stays as it was.
 */

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

const COMMUNITY = '210104002001';
const PHONE = '13912345678';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** `YYYY-MM` in Asia/Shanghai, `offset` months from now. */
function month(offset: number): string {
  const shanghai = { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' } as const;
  const at = new Date(`${new Intl.DateTimeFormat('en-CA', shanghai).format(new Date())}-01T00:00Z`);
  at.setUTCMonth(at.getUTCMonth() + offset);
  return at.toISOString().slice(0, 7);
}

/** The same address with its last digit changed: its mask does not change. */
function correctDoor(address: string): string {
  const at = address.search(/\d\D*$/);
  const digit = Number(address[at]);
  return `${address.slice(0, at)}${(digit + 1) % 10}${address.slice(at + 1)}`;
}

async function ok<T>(
  res: Promise<{ ok(): boolean; json(): Promise<unknown>; text(): Promise<string> }>,
) {
  const answer = await res;
  if (!answer.ok()) throw new Error(await answer.text());
  return (await answer.json()) as T;
}

/** 张三's ID number and address in full, through the audited reveal of the household file. */
async function zhangSan(api: APIRequestContext) {
  const found = await ok<{ items: { id: string; name: string }[] }>(
    api.post('/api/subjects/search', { data: { phone: PHONE } }),
  );
  const id = found.items.find((s) => s.name === '张三')?.id as string;
  const reveal = (field: string) =>
    ok<{ value: string }>(
      api.post(`/api/subjects/${id}/reveal`, { data: { field, reason: '准备名册更正' } }),
    ).then((r) => r.value);
  return { idNumber: await reveal('idNumber'), address: await reveal('address') };
}

async function workbook(values: Record<string, string>): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('名册');
  const headers = Object.values(rosterHeaders) as string[];
  sheet.addRow(headers);
  sheet.addRow(headers.map((h) => values[h] ?? ''));
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The file a click downloads, its first sheet's cells by row. */
async function downloadRows(page: Page, click: () => Promise<void>) {
  const { name, content } = await downloadFrom(page, click);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(content as unknown as ArrayBuffer);
  const rows: string[][] = [];
  const sheet = book.worksheets[0] as Worksheet;
  sheet.eachRow((row) =>
    rows.push(Array.from((row.values as unknown[]).slice(1), (v) => String(v ?? ''))),
  );
  // the watermark: in the printed page's header and the file's properties, never in row 1
  return { name, rows, watermark: `${sheet.headerFooter.oddHeader ?? ''} ${book.subject}` };
}

describe('a corrected door number in a monthly roster', () => {
  test('the street sees 已更改, reveals the address before and after with a reason, and exports the round and the month', async (ctx) => {
    const ym = month(2);
    const worker = await openPage(browser, ctx);
    await signInConsole(worker, 'community1');
    const zhang = await zhangSan(worker.request);
    const corrected = correctDoor(zhang.address);
    const file = await workbook({
      姓名: '张三',
      身份证号: zhang.idNumber,
      人员类型: '老年人',
      联系电话: PHONE,
      所属社区代码: COMMUNITY,
      住址: corrected,
      类别: '独居',
      关爱等级: '重点探访',
      接受探访意愿: '是',
    });
    const imported = await ok<{ committed: boolean }>(
      worker.request.post(`/api/subjects/import?month=${ym}`, {
        multipart: { file: { name: '张三-住址更正.xlsx', mimeType: XLSX, buffer: file } },
      }),
    );
    expect(imported.committed).toBe(true);
    const rounds = await ok<{ items: { id: string }[] }>(
      worker.request.get(`/api/roster-rounds?month=${ym}`),
    );
    const roundId = rounds.items[0]?.id as string;
    await ok(worker.request.post(`/api/roster-rounds/${roundId}/submit`));

    const street = await openPage(browser, ctx);
    await signInConsole(street, 'dabei');
    await street.goto(`/roster-rounds/${roundId}`);
    await street.getByTestId('tab-change').click();
    const address = street
      .getByTestId('round-entries')
      .locator('.ant-table-row', { hasText: '张三' })
      .getByTestId('entry-change')
      .filter({ hasText: '住址' });
    await address.getByTestId('masked-changed').getByText('已更改').waitFor();

    // the reveal asks for a reason first, then shows both values in full
    await address.getByTestId('reveal-change').click();
    const modal = street.locator('.ant-modal').filter({ hasText: '查看张三的住址（变更前后）' });
    await modal.waitFor();
    await dialogsSettled(street);
    await modal.locator('.ant-btn-primary').click();
    await modal.locator('.ant-form-item-explain-error').getByText('需填写事由').waitFor();
    await modal.locator('textarea').fill('核对门牌号更正');
    await modal.locator('.ant-btn-primary').click();
    expect(await modal.getByTestId('revealed-before').innerText()).toBe(zhang.address);
    expect(await modal.getByTestId('revealed-after').innerText()).toBe(corrected);
    // the footer's 关闭 (antd's corner × is a button named 关闭 too)
    await modal
      .locator('.ant-modal-footer')
      .getByRole('button', { name: /^关\s?闭$/ })
      .click();
    await modal.waitFor({ state: 'hidden' });

    // the round, masked: the address line says it changed behind the mask
    const masked = await downloadRows(street, async () => {
      await street.getByTestId('export-round').click();
      await street.getByRole('menuitem', { name: '脱敏导出' }).click();
    });
    expect(masked.name).toMatch(new RegExp(`^大北街道-${ym}名册变更-\\d{8}\\.xlsx$`));
    expect(masked.watermark).toContain('导出人 dabei');
    expect(masked.rows[0]?.[0]).toBe('变更类型');
    const line = masked.rows.find((r) => r[3] === '张三' && r[6] === '住址');
    expect(line?.[8]).toMatch(/\*{4}（已更改）$/);
    expect(line?.[4]).not.toBe(zhang.idNumber);
    // and every field the changed person would have, masked: the address as proposed
    expect(masked.rows[0]?.[17]).toBe('住址');
    expect(line?.[17]).toMatch(/\*{4}$/);

    // in full, with a reason (the download is awaited around the last click only, so that a step
    // before it fails as itself; a refusal shown in the dialog fails the test with its text)
    await street.getByTestId('export-round').click();
    await street.getByRole('menuitem', { name: '完整导出' }).click();
    const dialog = street.locator('.ant-modal').filter({ hasText: '完整导出名册变更' });
    await dialog.locator('#export-reason').fill('报送区民政局核对');
    await dialogsSettled(street);
    const full = await downloadRows(street, async () => {
      await dialog.getByRole('button', { name: /^导\s?出$/ }).click();
      const refused = dialog.getByTestId('export-error');
      if (await refused.isVisible().catch(() => false))
        throw new Error(`完整导出 refused: ${await refused.innerText()}`);
    });
    await dialog.waitFor({ state: 'hidden' });
    const fullLine = full.rows.find((r) => r[3] === '张三' && r[6] === '住址');
    expect(fullLine?.slice(7, 9)).toEqual([zhang.address, corrected]);
    expect(fullLine?.[4]).toBe(zhang.idNumber);

    // the month: 大北街道 under review, the other streets not reported
    await street.goto(`/roster-rounds?month=${ym}`);
    await street.getByTestId('round-status').first().waitFor();
    const overview = await downloadRows(street, () => street.getByTestId('export-month').click());
    expect(overview.name).toMatch(new RegExp(`^月度名册-${ym}-\\d{8}\\.xlsx$`));
    expect(overview.rows[0]?.slice(0, 4)).toEqual(['街道', '街道代码', '月份', '状态']);
    expect(overview.rows.slice(1).map((r) => [r[0], r[3], r[6]])).toEqual([
      ['大北街道', '已提交', '1'],
    ]);
  }, 120_000);
});
