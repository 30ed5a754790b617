import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, openPage, signIn } from '../support/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

describe('console sign-in', () => {
  test('a page asked for while signed out opens after signing in, with role and scope shown', async (ctx) => {
    const page = await openPage(browser, ctx);
    await page.goto('/organisations');
    await page.waitForURL(/\/login\?next=%2Forganisations/);
    expect(await page.title()).toBe('关爱 · 探访关爱与智慧养老服务平台');

    await page.locator('#username').fill('dabei');
    await page.locator('#password').fill('Demo@2025');
    await page.getByTestId('login-submit').click();
    await page.waitForURL('**/organisations');
    expect(await page.getByTestId('user-name').innerText()).toBe('大北街道 王芳');

    await page.goto('/');
    expect(await page.getByTestId('home-role').innerText()).toBe('街道工作人员');
    expect(await page.getByTestId('home-scope').innerText()).toBe('大北街道');
    // a street officer has no user administration: the menu does not offer it
    expect(await page.getByRole('menuitem', { name: '用户管理' }).count()).toBe(0);
  });

  test('the user menu shows the sign-in before this one (上次登录), not this one', async (ctx) => {
    const earlier = await openPage(browser, ctx);
    await signIn(earlier, '/login', 'wanquan');
    await earlier.getByTestId('welcome-card').waitFor();
    const page = await openPage(browser, ctx);
    await signIn(page, '/login', 'wanquan');
    await page.getByTestId('welcome-card').waitFor();
    await page.getByTestId('user-menu').click();
    const shown = await page.getByTestId('previous-login').innerText();
    expect(shown).toMatch(/^上次登录：.*\d{2}:\d{2}.*（.+）$/);
    expect(await page.getByTestId('home-previous-login').innerText()).toMatch(/\d{2}:\d{2}/);
  });

  test('signing out returns to the login page and the session is gone', async (ctx) => {
    const page = await openPage(browser, ctx);
    await signIn(page, '/login', 'community1');
    await page.getByTestId('welcome-card').waitFor();
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: '退出登录' }).click();
    await page.waitForURL(/\/login$/);
    await page.getByText('已退出登录').waitFor();
    await page.goto('/divisions');
    await page.waitForURL(/\/login/);
    await page.locator('#username').waitFor();
    expect(new URL(page.url()).searchParams.get('next')).toBe('/divisions');
  });
});
