import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, openPage, signInConsole } from '../support/browser.ts';

/*
 * The home page's to-dos and the 探访率 page, on the demo data's six months of visits: 大北街道's
 * officer sees the overdue visits that reached the street as a number that links to the overdue
 * list; the district officer's 探访率 of last month shows 大北街道's visited / in care exactly as
 * GET /api/visits/rate answers it for the same month.
 */

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

/** `YYYY-MM` of last month in Asia/Shanghai (a whole month of demo visits). */
function lastMonth(): string {
  const [y, m] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' })
    .format(new Date())
    .split('-')
    .map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** A GET through the page's own session (its cookie), as the console makes it. */
function getJson<T>(page: Page, path: string): Promise<T> {
  return page.evaluate(async (p) => {
    const res = await fetch(p, { headers: { accept: 'application/json' } });
    if (!res.ok) throw new Error(`${p}: ${res.status}`);
    return (await res.json()) as unknown;
  }, path) as Promise<T>;
}

const DABEI = '210104002000';

describe('the home page’s to-dos', () => {
  test('a street officer sees the overdue visits of the street as a number, and the card opens the overdue list', async (ctx) => {
    const page = await openPage(browser, ctx);
    await signInConsole(page, 'dabei');
    expect(await page.getByTestId('welcome-card').innerText()).toContain('您好');

    const card = page.getByTestId('todo-overdue');
    await page.locator('[data-testid="todo-overdue"][data-count]').waitFor();
    const api = await getJson<{ total: number; level: string }>(
      page,
      '/api/visit-dues/overdue?pageSize=1',
    );
    expect(api.level).toBe('street');
    expect(api.total).toBeGreaterThan(0); // the demo data misses some periods
    // the card counts as the API does: read together, as an escalation meanwhile (escalation.e2e.ts)
    // changes both, the card once its live event has refreshed it
    await expect
      .poll(async () => {
        const { total } = await getJson<{ total: number }>(
          page,
          '/api/visit-dues/overdue?pageSize=1',
        );
        const shown = Number(await card.getAttribute('data-count'));
        return shown === total && (await card.innerText()).includes(String(total));
      })
      .toBe(true);
    expect(await card.innerText()).toContain('逾期未探访');
    expect(await card.getAttribute('data-alert')).toBe('true');

    // only what the street officer may read: no worklist (visitors only), no export approval
    expect(await page.getByTestId('todo-worklist').count()).toBe(0);
    expect(await page.getByTestId('todo-export-requests').count()).toBe(0);
    await page.locator('[data-testid="todo-visit-rate-value"]').waitFor();

    await card.click();
    await page.waitForURL((url) => url.pathname === '/visit-dues');
  });

  test('a to-do that cannot load says so, and its retry loads it without following the link', async (ctx) => {
    const page = await openPage(browser, ctx);
    let refuse = true;
    await page.route('**/api/visits/rate**', (route) =>
      refuse
        ? route.fulfill({
            status: 403,
            contentType: 'application/json',
            body: JSON.stringify({ error: { code: 'forbidden', message: '没有权限' } }),
          })
        : route.continue(),
    );
    await signInConsole(page, 'dabei');
    const card = page.getByTestId('todo-visit-rate');
    await card.getByTestId('todo-error').waitFor();
    expect(await card.innerText()).toContain('加载失败');
    expect(await card.innerText()).not.toContain('没有在册对象');
    // the other cards are not held up by it
    await page.locator('[data-testid="todo-overdue"][data-count]').waitFor();

    refuse = false;
    await card.getByTestId('todo-retry').click();
    await card.getByTestId('todo-visit-rate-value').waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
  });
});

describe('the visit rate page', () => {
  test('the district officer’s table shows 大北街道 as GET /api/visits/rate answers for the same month', async (ctx) => {
    const page = await openPage(browser, ctx);
    await signInConsole(page, 'dadong');
    const month = lastMonth();

    // through the menu, then last month by the URL the month picker keeps
    await page.getByRole('menuitem', { name: '探访率' }).click();
    await page.waitForURL((url) => url.pathname === '/visit-rate');
    await page.getByTestId('visit-rate-table').waitFor();
    await page.goto(`/visit-rate?month=${month}`);
    expect(await page.locator('#visit-rate-month').inputValue()).toBe(month);

    const api = await getJson<{
      month: string;
      rows: {
        divisionCode: string;
        divisionName: string | null;
        all: { covered: number; visited: number; homeVisited: number };
      }[];
      totals: { all: { covered: number; visited: number } };
    }>(page, `/api/visits/rate?month=${month}`);
    expect(api.month).toBe(month);
    const dabei = api.rows.find((r) => r.divisionCode === DABEI);
    expect(dabei?.divisionName).toBe('大北街道');
    expect(dabei?.all.covered).toBeGreaterThan(0);
    expect(dabei?.all.visited).toBeGreaterThan(0);

    const row = page.locator(`[data-testid="visit-rate-table"] tr[data-row-key="${DABEI}"]`);
    await row.waitFor();
    expect(await row.innerText()).toContain('大北街道');
    const figure = async (name: string) =>
      Number(await row.getByTestId(`rate-all-${name}`).innerText());
    expect(await figure('covered')).toBe(dabei?.all.covered);
    expect(await figure('visited')).toBe(dabei?.all.visited);
    expect(await figure('homeVisited')).toBe(dabei?.all.homeVisited);

    // the chart beside it draws the same streets, and the 100 % target line
    const chart = page.getByTestId('visit-rate-chart');
    await chart.locator('svg text', { hasText: '大北街道' }).first().waitFor();
    await chart.locator('svg text', { hasText: '目标 100%' }).first().waitFor();

    // one row per street of the answer, and the totals row adds up to the answer's totals
    expect(
      await page.locator('[data-testid="visit-rate-table"] tbody tr[data-row-key]').count(),
    ).toBe(api.rows.length);
    const totals = page.getByTestId('visit-rate-totals');
    expect(Number(await totals.getByTestId('total-all-covered').innerText())).toBe(
      api.totals.all.covered,
    );
    expect(Number(await totals.getByTestId('total-all-visited').innerText())).toBe(
      api.totals.all.visited,
    );
    expect(await page.getByTestId('visit-rate-summary').innerText()).toContain(
      `${api.totals.all.visited} / ${api.totals.all.covered}`,
    );
  });
});
