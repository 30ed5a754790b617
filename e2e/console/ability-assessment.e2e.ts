import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, openPage, signInConsole } from '../support/browser.ts';

/*
 * The 能力评估 calculator (GB/T 42195-2022): a district officer scores all 26 items from the menu,
 * reads the total and the levels the server scored, then changes one answer and one adjustment and
 * sees both follow. Nothing is saved (routes.test.ts counts the rows).
 */

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

/** Scores an item by clicking its option (the button's label: its radio input is hidden). */
const answer = (page: Page, code: string, score: number) =>
  page
    .getByTestId(`ability-item-${code}`)
    .locator('label', { has: page.getByRole('radio', { name: String(score), exact: true }) })
    .click();
const text = (page: Page, id: string) => page.getByTestId(id).innerText();

describe('ability assessment', () => {
  test('all 26 items scored give the total and both levels; a change follows', async (ctx) => {
    const page = await openPage(browser, ctx);
    await signInConsole(page, 'dadong');
    await page.getByRole('menuitem', { name: '能力评估' }).click();
    await page.getByTestId('ability-item-B.4.5').waitFor();
    expect(await text(page, 'ability-final')).toContain('请评完全部 26 项');

    // every item at its highest, one by one: B.2.4 and B.4.4 have 3, B.3.9, B.4.1, B.4.2 have 2,
    // B.3.7 and B.3.8 have 1, the other 19 have 4
    const highest: Record<string, number> = {
      'B.2.4': 3,
      'B.4.4': 3,
      'B.3.9': 2,
      'B.4.1': 2,
      'B.4.2': 2,
      'B.3.7': 1,
      'B.3.8': 1,
    };
    const codes = [
      ...[1, 2, 3, 4, 5, 6, 7, 8].map((n) => `B.1.${n}`),
      ...[1, 2, 3, 4].map((n) => `B.2.${n}`),
      ...[1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => `B.3.${n}`),
      ...[1, 2, 3, 4, 5].map((n) => `B.4.${n}`),
    ];
    for (const code of codes) await answer(page, code, highest[code] ?? 4);
    // a score above B.2.4's highest is not offered
    expect(
      await page.getByTestId('ability-item-B.2.4').getByRole('radio', { name: '4' }).count(),
    ).toBe(0);
    expect(await text(page, 'ability-answered')).toContain('已评 26 / 26 项');
    await expect.poll(() => text(page, 'ability-final')).toBe('能力完好');
    expect(await text(page, 'ability-total')).toBe('90');
    expect(await text(page, 'ability-preliminary')).toBe('能力完好');

    // B.1.1 down to 3: 89, mildly impaired
    await answer(page, 'B.1.1', 3);
    await expect.poll(() => text(page, 'ability-total')).toBe('89');
    await expect.poll(() => text(page, 'ability-final')).toBe('能力轻度受损（轻度失能）');
    expect(await text(page, 'ability-preliminary')).toBe('能力轻度受损（轻度失能）');

    // two care-risk events in 30 days: one level up, the preliminary level stays
    await page.getByTestId('ability-risk-events').fill('2');
    await page.getByTestId('ability-risk-events').blur();
    await expect.poll(() => text(page, 'ability-final')).toBe('能力中度受损（中度失能）');
    expect(await text(page, 'ability-preliminary')).toBe('能力轻度受损（轻度失能）');

    // a coma: complete loss whatever the score
    await page.getByTestId('ability-coma').click();
    await expect.poll(() => text(page, 'ability-final')).toBe('能力完全丧失（完全失能）');
    expect(await text(page, 'ability-adjustments')).toContain('处于昏迷状态');
  });
});
