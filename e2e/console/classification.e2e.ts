import fs from 'node:fs';
import type { Worksheet } from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import ExcelJS from '../../server/platform/excel/exceljs.ts';
import { openDropdown, pick } from '../support/antd.ts';
import {
  dialogsSettled,
  downloadFrom,
  launchBrowser,
  openPage,
  signInConsole,
} from '../support/browser.ts';

/*
 * 分级反馈 (V4), the classification rules, the roster's export and other departments' records.
 * The rule added here suggests 普通巡访 only, so it moves nobody's suggestion while it is in force
 * (other test files run against the same server at the same time).
 */

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

/** The demo seed's 张三: community 210104002001 of 大北街道. */
const PHONE = '13912345678';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Screenshots for a person to look at: E2E_SHOTS=1 writes them to test-results/. */
const shot = async (page: Page, name: string, fullPage = true) => {
  if (process.env.E2E_SHOTS !== '1') return;
  fs.mkdirSync('test-results', { recursive: true });
  await page.screenshot({ path: `test-results/classification-${name}.png`, fullPage });
};

/** The first sheet of a workbook as rows of text. */
async function sheetRows(content: Buffer): Promise<string[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(content as unknown as ArrayBuffer);
  const sheet = book.worksheets[0] as Worksheet;
  const rows: string[][] = [];
  sheet.eachRow((row) =>
    rows.push((row.values as unknown[]).slice(1).map((v) => (v === undefined ? '' : String(v)))),
  );
  return rows;
}

/** The column of `header` in an export whose header row is the first row holding it. */
function column(rows: string[][], header: string): string[] {
  const at = rows.findIndex((r) => r.includes(header));
  const index = (rows[at] as string[]).indexOf(header);
  return rows.slice(at + 1).map((r) => r[index] ?? '');
}

const bodyRows = (page: Page) =>
  page.getByTestId('classification-table').locator('.ant-table-tbody .ant-table-row');

/** JSON from the API with the page's session cookie (what the console itself would send). */
async function api<T>(page: Page, path: string, body: unknown): Promise<T> {
  return page.evaluate(
    async ([p, b]) => {
      const res = await fetch(p as string, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(b),
      });
      if (!res.ok) throw new Error(`${p}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    },
    [path, body] as const,
  );
}

describe('分级反馈, the rules, the export and the department records', () => {
  test('a service-organisation administrator reads the district’s feedback, narrows it to 大北街道, exports and prints it', async (ctx) => {
    const page = await openPage(browser, ctx);
    await signInConsole(page, 'org1');
    await page.getByRole('menuitem', { name: '分级反馈' }).click();
    await page.waitForURL('**/classification');
    const totals = page.getByTestId('classification-totals');
    await totals.waitFor();
    expect(await totals.innerText()).toContain('合计');
    await bodyRows(page).first().waitFor();
    const streets = await bodyRows(page).locator('td:first-child').allInnerTexts();
    expect(streets.length).toBeGreaterThan(0);
    expect(streets.length).toBeLessThanOrEqual(10);
    for (const s of streets) expect(s).toMatch(/街道$/);
    expect(streets).toContain('大北街道');
    expect(await page.getByTestId('sheet-division').innerText()).toContain('大东区');
    await shot(page, 'district');

    await pick(page, 'classification-division', '大北街道（街道）');
    await page.waitForURL(/divisionCode=210104002000/);
    await page.getByTestId('sheet-division').getByText('大北街道').waitFor();
    await expect
      .poll(() => bodyRows(page).locator('td:first-child').allInnerTexts())
      .toContainEqual(expect.stringMatching(/社区$/));
    const communities = await bodyRows(page).locator('td:first-child').allInnerTexts();
    for (const c of communities) expect(c).toMatch(/社区$/);
    expect(
      await page
        .getByTestId('classification-table')
        .getByRole('columnheader', { name: '社区', exact: true })
        .count(),
    ).toBe(1);

    const file = await downloadFrom(page, () =>
      page.getByRole('button', { name: '导出 Excel' }).click(),
    );
    expect(file.name).toMatch(/\.xlsx$/);
    const rows = await sheetRows(file.content);
    const names = column(rows, '区划名称');
    expect(names).toContain('合计');
    for (const c of communities) expect(names).toContain(c);

    await page.emulateMedia({ media: 'print' });
    await page.getByTestId('sheet-title').getByText('关爱等级分类情况反馈表').waitFor();
    expect(await page.locator('.ant-layout-sider').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: '导出 Excel' }).isVisible()).toBe(false);
    expect(await page.getByText('填报单位（盖章）：').isVisible()).toBe(true);
    await shot(page, 'print');
    await page.emulateMedia({ media: 'screen' });
    expect(await page.getByText('填报单位（盖章）：').isVisible()).toBe(false);
  });

  test('the administrator adds a rule, sees it in force from today and in the history, cannot save an empty set, and restores the defaults', async (ctx) => {
    const page = await openPage(browser, ctx);
    await signInConsole(page, 'admin');
    await page.goto('/classification');
    await page.getByRole('tab', { name: '分级规则' }).click();
    await page.waitForURL(/tab=rules/);
    const table = page.getByTestId('rules-table');
    await table.getByRole('cell', { name: '独居失能', exact: true }).waitFor();
    const before = await table.locator('.ant-table-tbody .ant-table-row').count();
    const status = page.getByTestId('rules-status');
    expect(await status.innerText()).toBe('默认规则');
    expect(await page.getByRole('button', { name: '恢复默认规则' }).count()).toBe(0);
    const history = page.getByTestId('rules-history');
    const versions = history.getByTestId('rules-history-row');

    await page.getByRole('button', { name: '编辑规则' }).click();
    const editor = page.getByTestId('rules-editor');
    await page.getByRole('button', { name: '添加规则' }).click();
    const added = editor.getByTestId('rule-row').last();
    await added.getByTestId('rule-level').click();
    await openDropdown(page).getByText('普通巡访', { exact: true }).click();
    await added.getByTestId('rule-kind').click();
    await openDropdown(page).getByText('困境儿童', { exact: true }).click();
    await added.locator('input.ant-input-number-input').fill('17');
    await added.getByTestId('rule-categoriesAny').click();
    await openDropdown(page).getByText('流动', { exact: true }).click();
    await page.keyboard.press('Escape');
    await added.getByTestId('rule-reason').fill('测试规则：大龄流动儿童');
    await shot(page, 'rules-editor');
    await editor.getByRole('button', { name: '保存规则' }).click();
    await page.getByText('分级规则已保存，自今日起执行').waitFor();

    await table.getByText('测试规则：大龄流动儿童').waitFor();
    expect(await table.locator('.ant-table-tbody .ant-table-row').count()).toBe(before + 1);
    const effective = await page.getByTestId('rules-effective').innerText();
    expect(effective).toMatch(/自 \d{4}-\d{2}-\d{2} 起执行/);
    expect(await status.innerText()).toBe('已修改的规则');
    expect(await page.getByTestId('rules-version').innerText()).toMatch(
      /^第 \d+ 版，系统管理员 于 .+ 保存$/,
    );
    const last = table.locator('.ant-table-tbody .ant-table-row').last();
    expect(await last.innerText()).toContain('17 岁及以上');
    expect(await last.innerText()).toContain('流动');

    // the history: the saved version first, in force, by whom; it opens to its rules
    await expect.poll(() => versions.first().innerText()).toContain('现行');
    const saved = versions.first();
    expect(await saved.innerText()).toContain('系统管理员');
    expect(await saved.innerText()).toContain(`${before + 1} 条规则`);
    await saved.locator('.ant-table-row-expand-icon').click();
    const savedRules = history.locator('[data-testid^="rules-version-"]').first();
    await savedRules.getByText('测试规则：大龄流动儿童').waitFor();
    await shot(page, 'rules-history');

    // an empty set is refused, with the field named
    await page.getByRole('button', { name: '编辑规则' }).click();
    const rows = editor.getByTestId('rule-row');
    while ((await rows.count()) > 0)
      await rows.first().getByRole('button', { name: '删除' }).click();
    await editor.getByText('没有规则：请至少添加一条规则').waitFor();
    await editor.getByRole('button', { name: '保存规则' }).click();
    await editor
      .getByTestId('rules-error')
      .getByText(/分级规则不能为空/)
      .waitFor();
    await editor.getByRole('button', { name: /^取\s?消$/ }).click();
    await table.getByText('测试规则：大龄流动儿童').waitFor();

    // 恢复默认规则: a new version marked as the defaults; the version before it stays
    const count = await versions.count();
    await page.getByRole('button', { name: '恢复默认规则' }).click();
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /^确\s?定$/ })
      .click();
    await page.getByText('已恢复默认规则，自今日起执行').waitFor();
    await expect.poll(() => table.locator('.ant-table-tbody .ant-table-row').count()).toBe(before);
    expect(await table.innerText()).not.toContain('测试规则');
    await table.getByRole('cell', { name: '独居失能', exact: true }).waitFor();
    expect(await status.innerText()).toBe('默认规则');
    expect(await page.getByTestId('rules-effective').innerText()).toMatch(
      /默认规则，自 \d{4}-\d{2}-\d{2} 起执行/,
    );
    expect(await page.getByRole('button', { name: '恢复默认规则' }).count()).toBe(0);
    await expect.poll(() => versions.count()).toBe(count + 1);
    const restored = await versions.first().innerText();
    expect(restored).toContain('现行');
    expect(restored).toContain('默认规则');
    // the version saved before (still opened from above) keeps its rules
    const earlier = versions.nth(1).locator('.ant-table-row-expand-icon');
    if (!((await earlier.getAttribute('class')) ?? '').includes('expanded')) await earlier.click();
    await history.getByText('测试规则：大龄流动儿童').waitFor();

    // the defaults' reasons are translated; the history reads in English too
    await page.getByTestId('lang-switch').getByText('English', { exact: true }).click();
    await table.getByRole('cell', { name: 'Living alone and disabled', exact: true }).waitFor();
    expect(await table.innerText()).not.toContain('独居失能');
    expect(await status.innerText()).toBe('Default rules');
    expect(await versions.first().innerText()).toContain('In force');
    await shot(page, 'rules-english');
    await page.getByTestId('lang-switch').getByText('中文', { exact: true }).click();
    await table.getByRole('cell', { name: '独居失能', exact: true }).waitFor();
  });

  test('a street officer exports the roster masked, and in full with a reason', async (ctx) => {
    const page = await openPage(browser, ctx);
    await signInConsole(page, 'dabei');
    await page.goto('/subjects?kind=elder');
    await page.locator('.ant-table-tbody .ant-table-row').first().waitFor();

    await page.getByTestId('export-subjects').click();
    const masked = await downloadFrom(page, () =>
      page.getByRole('menuitem', { name: '脱敏导出' }).click(),
    );
    expect(masked.name).toMatch(/\.xlsx$/);
    const maskedIds = column(await sheetRows(masked.content), '身份证号').filter(Boolean);
    expect(maskedIds.length).toBeGreaterThan(1);
    for (const id of maskedIds) expect(id).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);

    // 完整导出 of what 精确查找 shows: 张三 alone, the ID number in full
    await page.getByPlaceholder('精确查找：身份证号或电话').fill(PHONE);
    await page.getByPlaceholder('精确查找：身份证号或电话').press('Enter');
    await page.getByTestId('exact-result').waitFor();
    await page.getByTestId('export-subjects').click();
    await page.getByRole('menuitem', { name: '完整导出' }).click();
    const modal = page.locator('.ant-modal').filter({ hasText: '完整导出服务对象名册' });
    await modal.locator('textarea').fill('核对名册与户籍数据');
    await dialogsSettled(page);
    await shot(page, 'full-export', false);
    const full = await downloadFrom(page, () =>
      modal.getByRole('button', { name: /^导\s?出$/ }).click(),
    );
    const rows = await sheetRows(full.content);
    expect(column(rows, '姓名')).toEqual(['张三']);
    const [id] = column(rows, '身份证号');
    expect(id).toMatch(/^\d{17}[\dX]$/);
    expect(column(rows, '联系电话')).toEqual([PHONE]);
  });

  test('张三’s file shows the suggested level, and after a social-security file with another spelling, 姓名 disagrees', async (ctx) => {
    const page = await openPage(browser, ctx);
    await signInConsole(page, 'org1');
    await page.goto('/subjects');
    await page.locator('.ant-table-tbody .ant-table-row').first().waitFor();

    // the file a department would send: 张三's ID number (revealed, audited) and its own spelling
    type Page1 = { items: { id: string; name: string }[] };
    const found = await api<Page1>(page, '/api/subjects/search', { phone: PHONE });
    const zhang = found.items.find((s) => s.name === '张三');
    expect(zhang).toBeDefined();
    const { value: idNumber } = await api<{ value: string }>(
      page,
      `/api/subjects/${zhang?.id}/reveal`,
      { field: 'idNumber', reason: '制作部门数据测试文件' },
    );
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('部门数据');
    sheet.addRow(['身份证号', '姓名', '参保状态']);
    sheet.addRow([idNumber, '张叁', '正常参保']);
    const file = Buffer.from(await book.xlsx.writeBuffer());

    await page.getByRole('button', { name: '导入部门数据' }).click();
    const dialog = page.locator('.ant-modal').filter({ hasText: '导入部门数据' });
    await dialog.locator('#source-select').click();
    await openDropdown(page).getByText('人社社保', { exact: true }).click();
    await dialog
      .locator('input[type=file]')
      .setInputFiles({ name: '社保数据.xlsx', mimeType: XLSX, buffer: file });
    await dialog.getByText('校验通过：1 人的 2 项数据可以导入').waitFor();
    await shot(page, 'source-check', false);
    await dialog.getByRole('button', { name: '确认导入' }).click();
    await dialog.getByTestId('source-done').getByText('已导入 1 人的 2 项数据').waitFor();
    await dialog.getByRole('button', { name: /^完\s?成$/ }).click();

    await page.getByPlaceholder('精确查找：身份证号或电话').fill(PHONE);
    await page.getByPlaceholder('精确查找：身份证号或电话').press('Enter');
    await page.getByTestId('exact-result').waitFor();
    await page.locator('.ant-table-row').filter({ hasText: '张三' }).click();
    await page.waitForURL(/\/households\/[0-9a-f-]{36}$/);
    const member = page
      .getByTestId('household-members')
      .locator('.ant-table-row', { hasText: '张三' });
    await member.getByRole('button', { name: /^详\s?情$/ }).click();
    const drawer = page.getByTestId('member-detail');
    await drawer.getByText('建议等级').waitFor();
    await drawer.getByTestId('suggested-level').waitFor();
    const sources = drawer.getByTestId('subject-sources');
    const nameRow = sources.locator('.ant-table-row', { has: page.getByText('姓名') });
    await nameRow.getByTestId('source-disagrees').getByText('不一致').waitFor();
    expect(await nameRow.innerText()).toContain('张叁');
    expect(await nameRow.innerText()).toContain('张三');
    await sources.getByRole('columnheader', { name: '人社社保' }).waitFor();
    await sources.scrollIntoViewIfNeeded();
    await shot(page, 'member-drawer', false);
  });
});
