import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, openPage, signInConsole } from '../support/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

describe('the audit log viewer', () => {
  test('names each event type as the server’s catalogue does, in the chosen language', async (ctx) => {
    const page = await openPage(browser, ctx);
    await signInConsole(page, 'admin');
    await page.goto('/audit-log?action=auth.login');
    const row = page.locator('.ant-table-tbody .ant-table-row').first();
    // the label above its code, as GET /api/audit-log/actions names it
    await row.getByText(/^登录\s*auth\.login$/).waitFor();

    await page.getByTestId('lang-switch').getByText('English', { exact: true }).click();
    await row.getByText(/^Sign-in\s*auth\.login$/).waitFor();
    expect(await row.innerText()).not.toContain('登录');
  });
});
