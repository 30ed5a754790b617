import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, openPage, signInConsole } from '../support/browser.ts';

const dadongStreets = [
  '大北街道',
  '万泉街道',
  '文官街道',
  '二台子街道',
  '津桥街道',
  '东站街道',
  '长安街道',
  '东塔街道',
  '上园街道',
  '前进街道',
];

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

/** The names shown in the division tree, once the tree shows `expected`. */
async function treeNames(page: Page, expected: string): Promise<string[]> {
  const tree = page.getByTestId('division-tree');
  await tree.getByTestId('division-node-name').getByText(expected, { exact: true }).waitFor();
  return tree.getByTestId('division-node-name').allInnerTexts();
}

describe('division tree', () => {
  test('a district officer sees 大东区 and all ten of its streets', async (ctx) => {
    const page = await openPage(browser, ctx);
    await signInConsole(page, 'dadong');
    await page.getByRole('menuitem', { name: '行政区划' }).click();
    await page.waitForURL('**/divisions');

    const names = await treeNames(page, '前进街道');
    expect(names).toEqual(expect.arrayContaining(['大东区', ...dadongStreets]));
    // the district is the root, opened on its streets (the communities stay folded)
    expect(names[0]).toBe('大东区');
    expect(names).toHaveLength(1 + dadongStreets.length);
    await expect(page.getByTestId('division-title').innerText()).resolves.toBe('大东区');
  });

  test('a street officer sees only their street, and another street by URL is not found', async (ctx) => {
    const page = await openPage(browser, ctx);
    await signInConsole(page, 'dabei');
    await page.goto('/divisions');

    const names = await treeNames(page, '大北街道');
    expect(names[0]).toBe('大北街道');
    expect(names).not.toContain('万泉街道');
    expect(names).not.toContain('大东区');
    for (const other of dadongStreets.slice(1)) expect(names).not.toContain(other);
    expect(names.length).toBeGreaterThan(1); // its communities are listed under it

    await page.goto('/divisions/210104003000');
    const notFound = page.getByTestId('not-found');
    await notFound.waitFor();
    expect(await notFound.innerText()).toContain('未找到');
    // the detail of the out-of-scope division never shows
    expect(await page.getByTestId('division-title').count()).toBe(0);
  });
});
