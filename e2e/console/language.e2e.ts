import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, openPage, signIn, signInConsole } from '../support/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

const menuTexts = (page: Page) => page.locator('.ant-layout-sider .ant-menu-root').innerText();

describe('language switch', () => {
  test('switching to English translates the menu, survives a reload, and switches back', async (ctx) => {
    const page = await openPage(browser, ctx);
    await signInConsole(page, 'dadong');
    expect(await menuTexts(page)).toContain('行政区划');

    await page.getByTestId('lang-switch').getByText('English', { exact: true }).click();
    await page.getByRole('menuitem', { name: 'Divisions' }).waitFor();
    const english = await menuTexts(page);
    expect(english).toContain('Dashboard');
    expect(english).toContain('Organisations');
    expect(english).not.toContain('行政区划');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en-US');
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name === 'lang')?.value).toBe('en-US');

    await page.reload();
    await page.getByRole('menuitem', { name: 'Divisions' }).waitFor();
    expect(await page.getByTestId('welcome-card').innerText()).toContain('Hello');

    await page.getByTestId('lang-switch').getByText('中文', { exact: true }).click();
    await page.getByRole('menuitem', { name: '行政区划' }).waitFor();
    expect(await menuTexts(page)).not.toContain('Divisions');
  });

  test('the server answers a failed sign-in in the chosen language', async (ctx) => {
    const page = await openPage(browser, ctx);
    await page.goto('/login');
    await page.getByTestId('lang-switch').getByText('English', { exact: true }).click();
    await signIn(page, '/login', 'wanquan', 'not-the-password');
    const error = page.getByTestId('login-error');
    await error.waitFor();
    expect(await error.innerText()).toContain('Wrong username or password');

    await page.getByTestId('lang-switch').getByText('中文', { exact: true }).click();
    await signIn(page, '/login', 'wanquan', 'not-the-password');
    await page.getByTestId('login-error').getByText('用户名或密码错误').waitFor();
  });
});
