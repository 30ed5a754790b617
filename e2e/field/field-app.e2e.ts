import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEMO_PASSWORD, launchBrowser, openPage, signIn } from '../support/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

const phone = { width: 360, height: 640 };

describe('field app on a small phone', () => {
  test('a visitor signs in, sees the tab bar and their name, role and scope on 我的', async (ctx) => {
    const page = await openPage(browser, ctx, phone);
    const scripts: { url: string; body: string }[] = [];
    page.on('response', (res) => {
      // a reload revalidates cached chunks (304, no body): the first 200 had it
      if (res.url().endsWith('.js') && res.status() === 200) {
        void res.text().then((body) => scripts.push({ url: res.url(), body }));
      }
    });

    await page.goto('/m/');
    await page.waitForURL('**/m/login');
    await signIn(page, '/m/login', 'visitor1');

    const tabBar = page.getByTestId('tab-bar');
    await tabBar.waitFor();
    for (const tab of ['任务', '对象', '我的'])
      await tabBar.getByText(tab, { exact: true }).waitFor();
    await page.getByText('暂无待办探访').waitFor();

    await tabBar.getByText('我的', { exact: true }).click();
    await page.waitForURL('**/m/me');
    expect(await page.getByTestId('me-name').innerText()).toBe('探访员 张伟');
    const me = await page.locator('body').innerText();
    expect(me).toContain('探访员');
    expect(me).toContain('大北街道');

    // fits the screen: nothing wider than 360 px
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      360,
    );
    // the field app never downloads the console's Ant Design
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.filter((s) => s.body.includes('ant-cssinjs')).map((s) => s.url)).toEqual([]);
  });

  test('signing out asks first (antd-mobile Dialog under React 19) and returns to the login', async (ctx) => {
    const page = await openPage(browser, ctx, phone);
    await signIn(page, '/m/login', 'visitor1');
    await page.getByTestId('tab-bar').waitFor();
    await page.goto('/m/me');
    await page.getByTestId('logout').click();
    await page.getByText('确定要退出登录吗？').waitFor();
    await page.getByRole('button', { name: '确定' }).click();
    await page.waitForURL('**/m/login');
    await page.getByText('已退出登录').waitFor();
  });
});

describe('field app session end', () => {
  test('reopening the app after the session timed out shows the login screen saying so', async (ctx) => {
    const page = await openPage(browser, ctx, phone);
    await signIn(page, '/m/login', 'visitor1');
    await page.getByTestId('tab-bar').waitFor();
    // the server's answer once the idle timeout has passed (15 minutes are not waited for)
    await page.route('**/api/auth/me', (route) =>
      route.fulfill({
        status: 401,
        contentType: 'application/json',
        body: JSON.stringify({
          error: { code: 'common.session_expired', message: '登录已超时，请重新登录' },
        }),
      }),
    );
    await page.reload();
    await page.waitForURL('**/m/login');
    await page.getByTestId('session-expired').getByText('登录已超时，请重新登录').waitFor();

    // signing in again clears the notice
    await page.unroute('**/api/auth/me');
    await page.locator('#username').fill('visitor1');
    await page.locator('#password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('tab-bar').waitFor();
    await page.goto('/m/me');
    await page.getByTestId('logout').click();
    await page.getByRole('button', { name: '确定' }).click();
    await page.waitForURL('**/m/login');
    expect(await page.getByTestId('session-expired').count()).toBe(0);
  });
});
