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
  test('names each event type and entity where a name exists, in the chosen language, and fits 1440 px in English', async (ctx) => {
    const page = await openPage(browser, ctx, { width: 1440, height: 900 });
    await signInConsole(page, 'admin');
    // the administrator's own sign-ins: the other browser tests sign in meanwhile, as others
    await page.goto('/audit-log?action=auth.login&username=admin');
    const row = page.locator('.ant-table-tbody .ant-table-row').first();
    // the label as GET /api/audit-log/actions names it; the code only on hover
    const action = row.getByTestId('audit-action');
    await action.getByText('登录', { exact: true }).waitFor();
    // the signed-in user by name, not by id
    expect(await row.getByTestId('audit-entity-name').innerText()).toBe('系统管理员');
    expect(await row.innerText()).not.toMatch(/auth\.login|[0-9a-f]{8}-[0-9a-f]{4}-/);
    await action.hover();
    await page.locator('.ant-tooltip').getByText('auth.login').waitFor();

    await page.getByTestId('lang-switch').getByText('English', { exact: true }).click();
    await action.getByText('Sign-in', { exact: true }).waitFor();
    expect(await row.innerText()).not.toContain('登录');
    // long entries (a reveal with the longest reason allowed, a failed sign-in of an unknown name):
    // neither the page nor the table scrolls sideways at 1440 px in English
    const users = await (await page.request.get('/api/users?q=dabei')).json();
    const reveal = await page.request.post(`/api/users/${users.items[0].id}/reveal-phone`, {
      data: { reason: '核对'.repeat(100) },
    });
    expect(reveal.status()).toBe(200);
    await page.request.post('/api/auth/login', {
      data: { username: 'someone-who-does-not-exist-here', password: 'wrong-password' },
    });
    await page.goto('/audit-log');
    await page.locator('.ant-table-tbody .ant-table-row').nth(2).waitFor();
    const widths = await page.evaluate(() => {
      const table = document.querySelector('.ant-table-content, .ant-table-body');
      return {
        page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        table: table ? table.scrollWidth - table.clientWidth : -1,
      };
    });
    expect(widths).toEqual({ page: 0, table: 0 });
  });
});

describe('the audit log’s verification', () => {
  test('reports the row forged in SQL, marks it in the table, and names the latest checkpoint, in both languages', async (ctx) => {
    const page = await openPage(browser, ctx, { width: 1440, height: 900 });
    await signInConsole(page, 'admin');
    await page.goto('/audit-log?username=forger');
    const row = page.locator('.ant-table-tbody .ant-table-row').first();
    // the sealer refused it (its MAC is missing): marked forged, never sealed
    await row.getByTestId('audit-refused').getByText('伪造').waitFor();

    await page.getByTestId('audit-verify').click();
    const result = page.getByTestId('audit-verify-result');
    await result.getByText('审计日志异常').waitFor();
    const problem = result.locator('[data-testid="audit-verify-problem"][data-kind="forged_rows"]');
    expect(await problem.innerText()).toMatch(/1 条记录没有有效签名.*记录编号 \d+/);
    expect(await result.getByTestId('audit-verify-checkpoint').innerText()).toMatch(
      /^最新签名检查点：第 \d+ 条，.+，文件 \d{4}-\d{2}-\d{2}\.jsonl 第 \d+ 行。$/,
    );

    await page.getByTestId('lang-switch').getByText('English', { exact: true }).click();
    await row.getByTestId('audit-refused').getByText('Forged').waitFor();
    await result.getByText('The audit log has problems').waitFor();
    expect(await problem.innerText()).toMatch(
      /^Entries without a valid signature.*: 1, ids \d+\.$/,
    );
    expect(await result.getByTestId('audit-verify-checkpoint').innerText()).toMatch(
      /^Latest signed checkpoint: entry \d+, .+, file \d{4}-\d{2}-\d{2}\.jsonl line \d+\.$/,
    );
  });
});
