import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDropdown } from '../support/antd.ts';
import { dialogsSettled, launchBrowser, openPage, signInConsole } from '../support/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

/** A community of 大北街道 (the visitor's area) that the other browser tests leave alone. */
const COMMUNITY = '210104002004';
type Subject = { id: string; name: string; householdId: string; careLevel: string };

/**
 * A 普通巡访 subject of the community whose name no other subject in scope has, and that owes a
 * visit now (the demo's visits leave some subjects' current periods done, and those are on no
 * worklist): it is picked by name in the dialog, and found by name in the lists.
 */
async function uniqueRegularSubject(page: Page): Promise<Subject> {
  const res = await page.request.get(
    `/api/subjects?divisionCode=${COMMUNITY}&careLevel=regular&pageSize=100`,
  );
  expect(res.status()).toBe(200);
  const { items } = (await res.json()) as { items: Subject[] };
  for (const s of items.reverse()) {
    if (s.name === '张三') continue;
    const dues = await page.request.get(
      `/api/visits?subjectId=${s.id}&from=${shanghaiMonthStart()}&pageSize=1`,
    );
    if (((await dues.json()) as { total: number }).total > 0) continue;
    const same = await page.request.get(
      `/api/subjects?q=${encodeURIComponent(s.name)}&pageSize=50`,
    );
    const found = (await same.json()) as { items: Subject[] };
    if (found.items.filter((o) => o.name === s.name).length === 1) return s;
  }
  throw new Error(`no subject of ${COMMUNITY} with a name of its own and a visit owed`);
}

/** The first day of this month in Asia/Shanghai. */
function shanghaiMonthStart(): string {
  return `${new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7)}-01`;
}

/** Opens 应访与逾期 → 我的待办 as the visitor. */
async function openWorklist(page: Page) {
  await page.getByRole('menuitem', { name: '应访与逾期' }).click();
  await page.waitForURL('**/visit-dues');
  await page.getByRole('tab', { name: '我的待办', selected: true }).waitFor();
  await page.getByTestId('worklist-counts').waitFor();
}

/** The worklist's rows of one subject (filtered by name: the buckets are paged). */
async function worklistRows(page: Page, name: string) {
  await page.getByTestId('worklist-filter').fill(name);
  return page.locator('tr', { has: page.getByText(name, { exact: true }) });
}

describe('assigning subjects to visitors and the worklist', () => {
  test('a subject assigned to 张伟 is due on his worklist; made 特殊关爱, it owes a triggered visit today', async (ctx) => {
    // the service organisation assigns the subject on the 巡访员 page
    const org = await openPage(browser, ctx);
    await signInConsole(org, 'org1');
    const subject = await uniqueRegularSubject(org);
    await org.getByRole('menuitem', { name: '巡访员' }).click();
    await org.waitForURL('**/visitors');
    const row = org.getByTestId('visitors-table').locator('tr', { hasText: '探访员 张伟' });
    await row.getByRole('button', { name: '分配对象' }).click();
    await dialogsSettled(org);
    await org.getByRole('dialog').getByText('给探访员 张伟分配对象').waitFor();
    await org.locator('#subjectIds').click();
    await org.locator('#subjectIds').fill(subject.name);
    await openDropdown(org).getByText(subject.name, { exact: true }).click();
    // a multiple select stays open: its tag shows the choice, a click on the title closes it
    await org
      .getByRole('dialog')
      .locator('.ant-select-selection-item', { hasText: subject.name })
      .waitFor();
    await org.getByRole('dialog').getByText('给探访员 张伟分配对象').click();
    await openDropdown(org).waitFor({ state: 'detached' });
    const [res] = await Promise.all([
      org.waitForResponse((r) => new URL(r.url()).pathname === '/api/assignments'),
      org.locator('#assign-submit').click(),
    ]);
    expect(res.status()).toBe(200);
    expect(res.request().headers()['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.request().postDataJSON()).toMatchObject({ subjectIds: [subject.id] });
    await org.getByText(/^已分配 1 人/).waitFor();
    // the caseload holds it (found by name: it holds all of 大北街道's subjects of the demo)
    await row.getByRole('button', { name: '查看负责对象' }).click();
    await org
      .getByTestId('caseload-drawer')
      .getByTestId('caseload-filter')
      .locator('input')
      .fill(subject.name);
    await org
      .getByTestId('caseload-drawer')
      .getByTestId('caseload-filter')
      .locator('input')
      .press('Enter');
    await org
      .getByTestId('caseload-drawer')
      .getByTestId('caseload-subject')
      .getByText(subject.name, { exact: true })
      .waitFor();

    // the visitor sees the subject's due visit of its care level
    const visitor = await openPage(browser, ctx);
    await signInConsole(visitor, 'visitor1');
    await openWorklist(visitor);
    const due = await worklistRows(visitor, subject.name);
    await due.first().waitFor();
    await expect(due.first().getByTestId('due-source').innerText()).resolves.toContain('关爱等级');

    // the district makes it 特殊关爱 on the household file
    const district = await openPage(browser, ctx);
    await signInConsole(district, 'dadong');
    await district.goto(`/households/${subject.householdId}`);
    const member = district
      .getByTestId('household-members')
      .locator('tr', { has: district.getByText(subject.name, { exact: true }) });
    await member.getByRole('button', { name: '调整关爱等级' }).click();
    await dialogsSettled(district);
    const modal = district.locator('.ant-modal');
    await modal.locator('.ant-radio-button-wrapper', { hasText: '特殊关爱' }).click();
    await modal.locator('textarea').fill('独居且近期摔伤，需重点关注');
    await modal.locator('.ant-btn-primary').click();
    await district.getByText('关爱等级已调整').waitFor();

    // a visit within the trigger's hours: today's, on top
    await visitor.reload();
    await visitor.getByTestId('worklist-counts').waitFor();
    await worklistRows(visitor, subject.name);
    await visitor
      .getByTestId('bucket-today')
      .locator('tr', { has: visitor.getByText(subject.name, { exact: true }) })
      .getByTestId('due-source')
      .getByText('触发探访')
      .waitFor();
  });
});
