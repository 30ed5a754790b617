import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDropdown, pick } from '../support/antd.ts';
import { launchBrowser, openPage, signInConsole } from '../support/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

const uniqueUsername = () =>
  `retry${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

describe('one Idempotency-Key per submission', () => {
  test('pressing 保存 again after the answer was lost sends the same key and creates one user; the next submission gets a new key', async (ctx) => {
    const page = await openPage(browser, ctx);
    await signInConsole(page, 'admin');
    const keys: string[] = [];
    let lose = true;
    // The first create reaches the server, which writes; its answer never reaches the page.
    await page.route('**/api/users', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      keys.push(route.request().headers()['idempotency-key'] ?? '');
      if (!lose) return route.continue();
      lose = false;
      await route.fetch();
      await route.abort('connectionreset');
    });

    const username = uniqueUsername();
    await page.getByRole('menuitem', { name: '用户管理' }).click();
    await page.waitForURL('**/users');
    await page.getByRole('button', { name: '新增用户' }).click();
    await page.locator('#username').fill(username);
    await page.locator('#displayName').fill('重试 街道工作人员');
    await page.locator('#password').fill('Guanai#Init2025');
    await pick(page, 'role', '街道工作人员');
    await page.locator('#divisionCode').click();
    await page.locator('#divisionCode').fill('大北');
    await openDropdown(page).getByText('大北街道（街道）', { exact: true }).click();

    await page.getByTestId('user-form-submit').click();
    await expect.poll(() => keys.length).toBe(1);
    // the form stays, with its input and the lost answer's message: the user presses 保存 again
    // (only then: a press while the first is still on its way is not a second submission)
    await page.getByText('网络连接失败，请检查网络后重试').waitFor();
    await page.getByTestId('user-form-submit').click();
    await page.getByText('已新增用户 重试 街道工作人员').waitFor();
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);

    await page.getByPlaceholder('用户名或姓名').fill(username);
    await page.getByPlaceholder('用户名或姓名').press('Enter');
    await page.locator('.ant-table-row', { hasText: username }).waitFor();
    expect(await page.locator('.ant-table-row', { hasText: username }).count()).toBe(1);

    // a new submission (another user) is another key
    await page.getByRole('button', { name: '新增用户' }).click();
    await page.locator('#username').fill(`${username}b`);
    await page.locator('#displayName').fill('第二个 街道工作人员');
    await page.locator('#password').fill('Guanai#Init2025');
    await pick(page, 'role', '街道工作人员');
    await page.locator('#divisionCode').click();
    await page.locator('#divisionCode').fill('大北');
    await openDropdown(page).getByText('大北街道（街道）', { exact: true }).click();
    await page.getByTestId('user-form-submit').click();
    await page.getByText('已新增用户 第二个 街道工作人员').waitFor();
    expect(keys).toHaveLength(3);
    expect(keys[2]).not.toBe(keys[0]);
  });
});
