import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, liveConsole, openPage } from '../support/browser.ts';
import { makeOverdueForStreet, runJobNow } from '../support/control-client.ts';

/*
 * Overdue visits climb to the street (issue 10): 大北街道's officer has the console open on the home
 * page and on the overdue list. A home visit that a family change owed a subject of the street ended
 * unmet days ago (dated by the test run's door into the server, control.ts), and the job
 * visits.escalate runs (through the same door, as its schedule runs it): without a reload the
 * officer is told, the visit is on the street's overdue list and the home page's count has it.
 */

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

/** A community of 大北街道 that the other browser tests leave alone. */
const COMMUNITY = '210104002003';
type Subject = {
  id: string;
  name: string;
  divisionName: string | null;
  status: string;
  consent: string;
};
type Overdue = { total: number; level: string; items: { id: string }[] };

/** A GET through the page's own session (its cookie), as the console makes it. */
async function getJson<T>(page: Page, path: string): Promise<T> {
  const res = await page.request.get(path);
  expect(res.status(), path).toBe(200);
  return (await res.json()) as T;
}

/** A subject in care of the community whose name no other subject of the street has. */
async function subjectOfCommunity(page: Page): Promise<Subject> {
  const { items } = await getJson<{ items: Subject[] }>(
    page,
    `/api/subjects?divisionCode=${COMMUNITY}&pageSize=100`,
  );
  for (const s of items.reverse()) {
    if (s.status !== 'active' || s.consent !== 'given') continue;
    const same = await getJson<{ items: Subject[] }>(
      page,
      `/api/subjects?q=${encodeURIComponent(s.name)}&pageSize=50`,
    );
    if (same.items.filter((o) => o.name === s.name).length === 1) return s;
  }
  throw new Error(`no subject of ${COMMUNITY} with a name of its own`);
}

describe('overdue visits climbing to the street', () => {
  test('the street officer’s open console is told, and shows the visit on the overdue list and in the home page’s count, without a reload', async (ctx) => {
    // the home page, with the count of what reached the street
    const home = await openPage(browser, ctx);
    await liveConsole(home, 'dabei');
    const card = home.getByTestId('todo-overdue');
    await home.locator('[data-testid="todo-overdue"][data-count]').waitFor();
    const before = Number(await card.getAttribute('data-count'));

    // the overdue list, narrowed to the subject's community (through the menu: no reload)
    const list = await openPage(browser, ctx);
    await liveConsole(list, 'dabei');
    const subject = await subjectOfCommunity(list);
    await list.getByRole('menuitem', { name: '应访与逾期' }).click();
    await list.waitForURL('**/visit-dues');
    await list.getByTestId('overdue-level').getByText('街道').waitFor();
    await list
      .getByTestId('overdue-by-community')
      .getByRole('button', { name: subject.divisionName ?? COMMUNITY, exact: true })
      .click();
    await list.getByTestId('overdue-filter').waitFor();
    await list.locator('[data-testid="overdue-list"] .ant-table-row').first().waitFor();

    // overdue since a day that puts it at the street, still with nobody above the visitor
    const { dueId } = await makeOverdueForStreet(subject.id);
    const streetList = () =>
      getJson<Overdue>(list, `/api/visit-dues/overdue?divisionCode=${COMMUNITY}&pageSize=100`);
    expect((await streetList()).items.map((i) => i.id)).not.toContain(dueId);

    // the job runs as its schedule runs it (a run of the schedule meanwhile tells the same)
    expect((await runJobNow('visits.escalate')).state).toBe('completed');
    expect((await streetList()).items.map((i) => i.id)).toContain(dueId);

    // told on the open list, which shows the visit without a reload
    const notice = (page: Page) =>
      page.getByTestId('live-notification').filter({ hasText: '有逾期未探访的对象上报' });
    await notice(list).first().waitFor();
    expect(await notice(list).first().innerText()).toMatch(/\d+ 条逾期未探访已上报至街道/);
    const row = list.locator(`[data-testid="overdue-list"] tr[data-row-key="${dueId}"]`);
    await row.waitFor();
    await expect(row.innerText()).resolves.toMatch(
      new RegExp(`${subject.name}[\\s\\S]*触发探访[\\s\\S]*探访员 张伟`),
    );

    // the home page's count has it too, as the API counts the street's list
    await notice(home).first().waitFor();
    await expect
      .poll(async () => Number(await card.getAttribute('data-count')))
      .toBeGreaterThan(before);
    const total = (await getJson<Overdue>(home, '/api/visit-dues/overdue?pageSize=1')).total;
    await expect.poll(async () => Number(await card.getAttribute('data-count'))).toBe(total);
    expect(await card.innerText()).toContain(String(total));

    // the notice's 查看 opens the overdue list
    await notice(home)
      .first()
      .getByRole('button', { name: /^查\s*看$/ })
      .click();
    await home.waitForURL((url) => url.pathname === '/visit-dues');
  });
});
