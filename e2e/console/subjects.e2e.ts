import { pinyin } from 'pinyin-pro';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, openPage, signInConsole } from '../support/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

/** The demo seed's 张三: community 210104002001 of 大北街道. */
const PHONE = '13912345678';
const levels = ['特殊关爱', '重点探访', '普通巡访'];

/**
 * The keys the server sorts and searches by: the pinyin without tones, and its initials; sorted
 * syllable by syllable (a space between them, below every letter: 陈 chen before 程 cheng).
 */
const keys = (name: string, pattern: 'pinyin' | 'first', between = '') =>
  pinyin(name, { pattern, toneType: 'none', type: 'array', surname: 'head', v: true })
    .map((p) => p.toLowerCase())
    .join(between);
const rows = (page: Page) => page.locator('.ant-table-tbody .ant-table-row');
const rowNames = (page: Page) => page.getByTestId('subject-name').allInnerTexts();

/** 精确查找 by a number: sent in a POST body, the table then shows what it found. */
async function findExactly(page: Page, number: string) {
  const searched = page.waitForResponse(
    (res) => new URL(res.url()).pathname === '/api/subjects/search',
  );
  await page.getByPlaceholder('精确查找：身份证号或电话').fill(number);
  await page.getByPlaceholder('精确查找：身份证号或电话').press('Enter');
  const res = await searched;
  expect(res.request().method()).toBe('POST');
  expect(res.request().postDataJSON()).toMatchObject({ phone: number });
  await page.getByTestId('exact-result').waitFor();
}

/** Signs in, finds 张三 by phone and opens the household file. */
async function openZhangSan(page: Page, username: string) {
  await signInConsole(page, username);
  await page.getByRole('menuitem', { name: '服务对象' }).click();
  await page.waitForURL('**/subjects');
  await rows(page).first().waitFor();
  await findExactly(page, PHONE);
  await rows(page).filter({ hasText: '张三' }).click();
  await page.waitForURL(/\/households\/[0-9a-f-]{36}$/);
  await page.getByTestId('household-members').getByText('张三', { exact: true }).waitFor();
}

describe('the roster and the household file', () => {
  test('a street officer finds 张三 by pinyin initials and by phone (kept out of the URL) and opens the household file', async (ctx) => {
    const page = await openPage(browser, ctx);
    const urls: string[] = [];
    page.on('request', (req) => urls.push(req.url()));
    await signInConsole(page, 'dabei');
    await page.getByRole('menuitem', { name: '服务对象' }).click();
    await page.waitForURL('**/subjects');
    await rows(page).first().waitFor();
    const first = await rowNames(page);
    // sorted as the server sorts: by pinyin, syllable by syllable
    const sortKeys = first.map((n) => keys(n, 'pinyin', ' '));
    expect(sortKeys).toEqual([...sortKeys].sort());
    // a street's roster is counted up to 200 (more are paged on)
    expect(await page.locator('.ant-pagination-total-text').innerText()).toMatch(
      /^(共 \d+ 条|超过 200 条)$/,
    );

    await page.getByPlaceholder('姓名或拼音，如 zs').fill('zs');
    await page.getByPlaceholder('姓名或拼音，如 zs').press('Enter');
    await page.waitForURL(/[?&]q=zs/);
    await rows(page).filter({ hasText: '张三' }).waitFor();
    const found = await rowNames(page);
    expect(found.length).toBeGreaterThan(1);
    for (const name of found) expect(keys(name, 'first').startsWith('zs'), name).toBe(true);
    expect(found.filter((n) => n.startsWith('张')).length).toBeGreaterThan(0);
    // masked: the first 6 and the last 4 characters of the ID number
    const ids = await page.getByTestId('id-masked').allInnerTexts();
    for (const id of ids) expect(id).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);

    await findExactly(page, PHONE);
    expect(await rowNames(page)).toEqual(['张三']);
    expect(page.url()).not.toContain(PHONE);
    expect(urls.filter((u) => u.includes(PHONE))).toEqual([]);

    await rows(page).filter({ hasText: '张三' }).click();
    await page.waitForURL(/\/households\/[0-9a-f-]{36}$/);
    expect(page.url()).not.toContain(PHONE);
    const members = page.getByTestId('household-members');
    await members.getByText('张三', { exact: true }).waitFor();
    expect(await page.getByTestId('household-header').innerText()).toContain('和睦社区');
    const zhang = members.locator('.ant-table-row', { hasText: '张三' });
    expect(await zhang.getByTestId('member-id-masked').innerText()).toMatch(
      /^\d{6}\*{8}\d{3}[\dX]$/,
    );
    expect(await zhang.innerText()).toContain('139****5678');
    const timeline = page.getByTestId('household-timeline');
    await timeline.getByText('纳入名册').first().waitFor();

    // a street officer may read and reveal, not classify
    expect(await page.getByRole('button', { name: '调整关爱等级' }).count()).toBe(0);
    await zhang.getByRole('button', { name: /^详\s?情$/ }).click();
    const drawer = page.getByTestId('member-detail');
    // the age, and no birth date (beside the masked ID number it would rebuild the number) until
    // it is revealed with a reason
    const birth = drawer.getByTestId('member-birth-date');
    await birth.waitFor();
    expect(await birth.innerText()).toBe('仅显示年龄');
    expect(await drawer.innerText()).toMatch(/年龄\s*\d+\s*岁/);
    expect(await drawer.innerText()).toContain('类别记录');
    await birth
      .locator('xpath=ancestor::td[1]')
      .getByRole('button', { name: /^查\s?看$/ })
      .click();
    const modal = page.locator('.ant-modal');
    await modal.locator('textarea').fill('核对出生日期以确认高龄补贴');
    await modal.locator('.ant-btn-primary').click();
    expect(await page.getByTestId('revealed-value').innerText()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await page.getByRole('button', { name: '调整关爱等级' }).count()).toBe(0);
  });

  test('revealing the address asks for a reason and shows it in full', async (ctx) => {
    const page = await openPage(browser, ctx);
    await openZhangSan(page, 'dabei');
    const masked = await page.getByTestId('household-address').innerText();
    expect(masked).toMatch(/\*{4}$/);
    await page
      .getByTestId('household-header')
      .getByRole('button', { name: /^查\s?看$/ })
      .click();
    const modal = page.locator('.ant-modal');
    await modal.locator('textarea').fill('核实住址以便上门探访');
    await modal.locator('.ant-btn-primary').click();
    const full = await page.getByTestId('revealed-value').innerText();
    expect(full.startsWith(masked.replace(/\*+$/, ''))).toBe(true);
    expect(full).toMatch(/\d+号/);
  });

  test('a service-organisation administrator sets 张三’s care level with a reason, and the timeline shows it', async (ctx) => {
    const page = await openPage(browser, ctx);
    await openZhangSan(page, 'org1');
    const zhang = page.getByTestId('household-members').locator('.ant-table-row', {
      hasText: '张三',
    });
    const before = await zhang.getByTestId('care-level').innerText();
    const after = before === '特殊关爱' ? '重点探访' : '特殊关爱';
    await zhang.getByRole('button', { name: '调整关爱等级' }).click();
    const modal = page.locator('.ant-modal');
    await modal.locator('.ant-radio-button-wrapper', { hasText: after }).click();
    await modal.locator('textarea').fill('复核后调整：近期独居且行动不便');
    await modal.locator('.ant-btn-primary').click();
    await page.getByText('关爱等级已调整').waitFor();

    await zhang.getByTestId('care-level').getByText(after).waitFor();
    const latest = page.getByTestId('timeline-event').first();
    await latest.getByText('关爱等级调整').waitFor();
    const detail = await latest.getByTestId('event-detail').innerText();
    expect(detail).toContain(`${before} → ${after}`);
    expect(detail).toContain('复核后调整：近期独居且行动不便');
    expect(await latest.innerText()).toContain('服务机构管理员 陈静');
  });

  test("the server's floor rule is shown: a disabled elder cannot go down to 普通巡访", async (ctx) => {
    const page = await openPage(browser, ctx);
    await signInConsole(page, 'org1');
    await page.goto('/subjects?kind=elder&category=disabled');
    const row = rows(page).first();
    await row.waitFor();
    const name = (await row.getByTestId('subject-name').innerText()).trim();
    expect(await row.innerText()).toContain('失能');
    await row.click();
    await page.waitForURL(/\/households\//);
    const member = page
      .getByTestId('household-members')
      .locator('.ant-table-row', { has: page.getByText(name, { exact: true }) });
    await member.getByRole('button', { name: '调整关爱等级' }).click();
    const modal = page.locator('.ant-modal');
    await modal.locator('.ant-radio-button-wrapper', { hasText: levels[2] }).click();
    await modal.locator('textarea').fill('家属称已好转');
    await modal.locator('.ant-btn-primary').click();
    await modal.getByText('失能老年人每月至少探访一次，关爱等级不能低于“重点探访”').waitFor();
    expect(await member.getByTestId('care-level').innerText()).not.toBe(levels[2]);
  });
});
