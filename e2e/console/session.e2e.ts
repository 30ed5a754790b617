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

/**
 * The server's 401s: the idle (15 min) and absolute (12 h) timeouts are too long to wait for here, so
 * the answer is the server's own body for them, given to the next call.
 */
const expired = { code: 'common.session_expired', message: '登录已超时，请重新登录' };
const signedOut = { code: 'common.unauthenticated', message: '请先登录' };
async function answer401(page: Page, pattern: string, error: typeof expired) {
  await page.route(pattern, (route) =>
    route.fulfill({
      status: 401,
      contentType: 'application/json',
      body: JSON.stringify({ error }),
    }),
  );
}

describe('session end in the console', () => {
  test('a timed-out session leads to the login page, which says so once', async (ctx) => {
    const page = await openPage(browser, ctx);
    await signInConsole(page, 'dadong');
    await answer401(page, '**/api/organisations?*', expired);
    await page.getByRole('menuitem', { name: '机构管理' }).click();

    await page.waitForURL(/\/login\?next=%2Forganisations$/);
    const notice = page.getByTestId('session-expired');
    await notice.waitFor();
    expect(await notice.innerText()).toBe('登录已超时，请重新登录');

    // once: the login page, reloaded without a session, no longer says it
    await page.context().clearCookies({ name: 'guanai_session' });
    const me = page.waitForResponse('**/api/auth/me');
    await page.reload();
    expect((await me).status()).toBe(401);
    await page.locator('#username').waitFor();
    expect(await notice.count()).toBe(0);
  });

  test('reopening the console after a timeout says so too', async (ctx) => {
    const page = await openPage(browser, ctx);
    await signInConsole(page, 'dadong');
    await answer401(page, '**/api/auth/me', expired);
    await page.goto('/divisions');
    await page.waitForURL(/\/login\?next=%2Fdivisions$/);
    await page.getByTestId('session-expired').getByText('登录已超时，请重新登录').waitFor();
  });

  test('a session ended otherwise leads to the login page without a notice', async (ctx) => {
    const page = await openPage(browser, ctx);
    await signInConsole(page, 'dadong');
    await answer401(page, '**/api/organisations?*', signedOut);
    const refused = page.waitForResponse('**/api/organisations?*');
    await page.getByRole('menuitem', { name: '机构管理' }).click();
    expect((await refused).status()).toBe(401);
    await page.waitForURL(/\/login\?next=%2Forganisations$/);
    await page.locator('#username').waitFor();
    expect(await page.getByTestId('session-expired').count()).toBe(0);
  });
});
