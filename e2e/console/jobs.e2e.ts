import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, openPage, signInConsole } from '../support/browser.ts';
import { E2E_JOB_ERROR } from '../support/jobs.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

describe('系统管理 → 后台任务', () => {
  test('shows queues, the parked failure with its error and the schedules; 重试 runs it again', async (ctx) => {
    const page = await openPage(browser, ctx);
    await signInConsole(page, 'admin');
    await page.getByRole('menuitem', { name: '后台任务' }).click();
    await page.waitForURL('**/jobs');

    const schedules = page.getByTestId('job-schedules');
    const prune = schedules.locator('.ant-table-row', { hasText: 'sessions.prune' });
    await prune.getByText('清理已结束的会话').waitFor();
    expect(await prune.innerText()).toContain('15 * * * *');
    expect(await prune.innerText()).toContain('Asia/Shanghai');

    // The test server's flaky job failed its first run and has no retries: it is parked.
    const failures = page.getByTestId('job-failures');
    const failed = failures.locator('.ant-table-row', { hasText: 'e2e.flaky' });
    await expect
      .poll(
        async () => {
          if ((await failed.count()) === 0)
            await page.getByRole('button', { name: '刷新' }).click();
          return failed.count();
        },
        { timeout: 20_000, interval: 1000 },
      )
      .toBe(1);
    expect(await failed.innerText()).toContain(E2E_JOB_ERROR);
    expect(await failed.innerText()).toContain('演示：首次失败的任务');

    const queues = page.getByTestId('job-queues');
    const flakyQueue = queues.locator('.ant-table-row', { hasText: 'e2e.flaky' });
    expect(await flakyQueue.innerText()).toMatch(/演示：首次失败的任务/);

    await failed.getByRole('button', { name: '重试' }).click();
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /^重\s*试$/ })
      .click();
    await page.getByText('已放回队列，稍后运行').waitFor();
    await failures.getByText('没有失败的任务').waitFor();

    // Retried, it completes (the worker polls every 2 s); the queue's 已完成 counts it.
    const completedColumn = (await queues.locator('thead th').allInnerTexts()).indexOf('已完成');
    expect(completedColumn).toBeGreaterThan(0);
    await expect
      .poll(
        async () => {
          await page.getByRole('button', { name: '刷新' }).click();
          return flakyQueue.locator('td').nth(completedColumn).innerText();
        },
        { timeout: 20_000, interval: 1000 },
      )
      .toBe('1');

    // The retry is in the audit log under its own event type.
    await page.goto('/audit-log?action=job.retry');
    await page
      .locator('.ant-table-tbody .ant-table-row')
      .first()
      .getByTestId('audit-action')
      .getByText('重试后台任务', { exact: true })
      .waitFor();
  });
});
