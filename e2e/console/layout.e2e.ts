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

describe('the console frame', () => {
  test('keeps its top bar above a table’s fixed name column when the page scrolls', async (ctx) => {
    // narrow enough that the subjects table scrolls sideways and fixes its name column
    const page = await openPage(browser, ctx, { width: 900, height: 600 });
    await signInConsole(page, 'dabei');
    await page.goto('/subjects');
    await page.locator('.ant-table-tbody .ant-table-row').nth(5).waitFor();
    const nameCell = page
      .locator(
        '.ant-table-tbody .ant-table-cell-fix-start, .ant-table-tbody .ant-table-cell-fix-left',
      )
      .first();
    await nameCell.waitFor();
    // scroll until the first fixed cell sits under the top bar
    const box = await nameCell.boundingBox();
    const bar = await page.locator('.ant-layout-header').boundingBox();
    if (!box || !bar) throw new Error('no name cell or top bar');
    await page.mouse.wheel(0, box.y - bar.y - 10);
    await page.waitForTimeout(200);
    const under = await nameCell.boundingBox();
    if (!under) throw new Error('the name cell went away');
    expect(under.y).toBeLessThan(bar.y + bar.height);
    const onTop = await page.evaluate(
      ([x, y]) => document.elementFromPoint(x, y)?.closest('.ant-layout-header') !== null,
      [under.x + 5, bar.y + bar.height / 2] as const,
    );
    expect(onTop).toBe(true);
  });
});
