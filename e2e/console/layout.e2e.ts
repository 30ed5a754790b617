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

  test('animates its popups unless the system asks for reduced motion', async (ctx) => {
    /** Opens the user menu and answers whether it ever carried its slide-in class. */
    const slidesIn = async (page: Page) => {
      const popup = page
        .locator('.ant-dropdown')
        .filter({ has: page.getByTestId('previous-login') });
      await page.evaluate(() => {
        const seen: string[] = [];
        (window as unknown as { slides: string[] }).slides = seen;
        new MutationObserver((records) => {
          for (const r of records) {
            const nodes = r.type === 'childList' ? [...r.addedNodes] : [r.target];
            for (const n of nodes) {
              if (n instanceof Element) {
                for (const e of [n, ...n.querySelectorAll('.ant-dropdown')]) {
                  if (/ant-slide-up-appear-(start|active)/.test(e.className))
                    seen.push(e.className);
                }
              }
            }
          }
        }).observe(document.body, { subtree: true, childList: true, attributes: true });
      });
      await page.getByTestId('user-menu').click();
      await popup.waitFor();
      const seen = await page.evaluate(() => (window as unknown as { slides: string[] }).slides);
      return seen.length > 0;
    };
    // the browser tests run with reduced motion: the user menu opens without its slide
    const page = await openPage(browser, ctx);
    await signInConsole(page, 'dabei');
    expect(await slidesIn(page)).toBe(false);
    // a system without that preference sees the slide
    const animated = await openPage(browser, ctx);
    await animated.emulateMedia({ reducedMotion: 'no-preference' });
    await signInConsole(animated, 'dabei');
    expect(await slidesIn(animated)).toBe(true);
  });
});
