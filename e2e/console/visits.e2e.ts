import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import ExcelJS from '../../server/platform/excel/exceljs.ts';
import { openDropdown } from '../support/antd.ts';
import {
  dialogsSettled,
  downloadFrom,
  launchBrowser,
  openPage,
  signInConsole,
} from '../support/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

describe('the visit ledger', () => {
  test('a community worker records a phone visit of 张三 (记录电话探访), sees it in the ledger and opens it', async (ctx) => {
    const page = await openPage(browser, ctx);
    await signInConsole(page, 'community1');
    await page.getByRole('menuitem', { name: '巡访台账' }).click();
    await page.waitForURL('**/visits');
    await page.getByTestId('visits-table').waitFor();

    await page.getByTestId('record-visit').click();
    await dialogsSettled(page);
    const dialog = page.getByRole('dialog');
    await dialog.getByText('记录电话探访').waitFor();
    // the subject is searched on the server by name
    await page.locator('#subjectId').click();
    await page.locator('#subjectId').fill('张三');
    await openDropdown(page).getByText('张三', { exact: true }).first().click();
    // by phone, met, the last ten minutes: the defaults
    await expect(dialog.getByRole('radio', { name: '电话探访' }).isChecked()).resolves.toBe(true);
    const note = `电话问候，身体状况良好 ${Date.now()}`;
    await page.locator('#note').fill(note);

    const saved = page.waitForResponse(
      (res) => new URL(res.url()).pathname === '/api/visits' && res.request().method() === 'POST',
    );
    await page.locator('#record-visit-submit').click();
    const res = await saved;
    expect(res.status()).toBe(201);
    expect(res.request().headers()['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    const visit = (await res.json()) as { id: string; kind: string; durationMinutes: number };
    expect(visit).toMatchObject({ kind: 'phone', durationMinutes: 10 });
    await page.getByText('已记录张三的电话探访').waitFor();

    // the ledger is refreshed: the visit is in it, newest first
    const row = page.locator(`tr[data-row-key="${visit.id}"]`);
    await row.waitFor();
    await expect(row.innerText()).resolves.toMatch(
      /张三[\s\S]*电话探访[\s\S]*见到本人[\s\S]*10 分钟[\s\S]*计入/,
    );

    await row.getByText('电话探访').click();
    const drawer = page.getByTestId('visit-drawer');
    await drawer.getByTestId('visit-note').getByText(note).waitFor();
    await expect(drawer.getByTestId('visit-outcome').innerText()).resolves.toBe('见到本人');
    await drawer.getByText('探访评估').waitFor();
    await drawer.getByText('社区工作者 刘敏', { exact: true }).waitFor();
  });

  test('王芳 exports the ledger as filtered (phone visits): masked, watermarked with her name, audited', async (ctx) => {
    const page = await openPage(browser, ctx);
    await signInConsole(page, 'dabei');
    await page.goto('/visits?kind=phone');
    await page.getByTestId('visits-table').locator('.ant-table-row').first().waitFor();
    const file = await downloadFrom(page, () => page.getByTestId('export-visits').click());
    expect(file.name).toMatch(/^巡访台账.*\.xlsx$/);
    await page.getByText(/已导出 .*（已脱敏，带水印）/).waitFor();

    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.content as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    if (!sheet) throw new Error('no sheet');
    const rows: string[][] = [];
    const width = sheet.getRow(1).cellCount;
    sheet.eachRow((row) =>
      rows.push(Array.from({ length: width }, (_, i) => row.getCell(i + 1).text)),
    );
    const [header, ...body] = rows;
    expect(header).toEqual(expect.arrayContaining(['服务对象', '巡访方式', '巡访结果', '巡访员']));
    expect(body.length).toBeGreaterThan(0);
    const kind = (header as string[]).indexOf('巡访方式');
    for (const r of body) expect(r[kind]).toBe('电话探访');
    // nothing that identifies a person by number: no ID number, no phone
    for (const r of body)
      for (const cell of r) expect(cell).not.toMatch(/(?<!\d)(\d{17}[\dX]|1[3-9]\d{9})(?!\d)/);
    expect(book.subject).toMatch(/^导出人 dabei .*仅限工作使用/);
    expect(sheet.headerFooter.oddHeader).toContain('导出人 dabei');

    // the export is in the audit log, as the administrator reads it
    const admin = await openPage(browser, ctx);
    await signInConsole(admin, 'admin');
    const audit = await admin.request.get(
      '/api/audit-log?action=visit.export&username=dabei&pageSize=5',
    );
    expect(audit.status()).toBe(200);
    expect(((await audit.json()) as { total: number }).total).toBeGreaterThan(0);
  });
});

type Subject = { id: string; name: string; householdId: string; divisionCode: string };
type CarePlan = {
  goals: string;
  services: string[];
  rhythm: { visits: number } | null;
  reviewOn: string;
};

/** A GET through the page's own session. */
async function getJson<T>(page: Page, path: string): Promise<T> {
  const res = await page.request.get(path);
  expect(res.status(), path).toBe(200);
  return (await res.json()) as T;
}

/**
 * Subjects of 大北街道 with a name of their own and their household's plan (the demo's six plans
 * are of households with a special or key subject), outside 刘敏's community, where
 * care-plans.e2e.ts makes a plan of a household it picks meanwhile.
 */
async function subjectsAndPlans(page: Page) {
  const found: { subject: Subject; plan: CarePlan | null }[] = [];
  for (const level of ['special', 'key']) {
    const { items } = await getJson<{ items: Subject[] }>(
      page,
      `/api/subjects?careLevel=${level}&pageSize=200`,
    );
    for (const subject of items) {
      if (subject.divisionCode.startsWith('210104002001')) continue;
      const same = await getJson<{ items: Subject[] }>(
        page,
        `/api/subjects?q=${encodeURIComponent(subject.name)}&pageSize=50`,
      );
      if (same.items.filter((o) => o.name === subject.name).length !== 1) continue;
      const { plan } = await getJson<{ plan: CarePlan | null }>(
        page,
        `/api/households/${subject.householdId}/care-plan`,
      );
      found.push({ subject, plan });
      if (found.some((f) => f.plan) && found.some((f) => !f.plan)) return found;
    }
  }
  throw new Error(
    'no subject of 大北街道 with a care plan and one without, each with a name of its own',
  );
}

describe('the care plan in the visit form', () => {
  test('王芳 records a phone visit: the form shows the picked subject’s household plan (一户一策) read-only, or says there is none', async (ctx) => {
    const page = await openPage(browser, ctx);
    await signInConsole(page, 'dabei');
    const found = await subjectsAndPlans(page);
    const withPlan = found.find((f) => f.plan) as { subject: Subject; plan: CarePlan };
    const without = found.find((f) => !f.plan) as { subject: Subject };

    await page.getByRole('menuitem', { name: '巡访台账' }).click();
    await page.waitForURL('**/visits');
    await page.getByTestId('record-visit').click();
    await dialogsSettled(page);
    const dialog = page.getByRole('dialog');
    await dialog.getByText('记录电话探访').waitFor();
    // nothing picked, no plan shown
    expect(await dialog.getByTestId('visit-care-plan').count()).toBe(0);

    const choose = async (name: string) => {
      await page.locator('#subjectId').click();
      await page.locator('#subjectId').fill(name);
      await openDropdown(page).getByText(name, { exact: true }).first().click();
    };
    await choose(withPlan.subject.name);
    const card = dialog.getByTestId('visit-care-plan');
    await card.getByText('一户一策').waitFor();
    await card.getByTestId('care-plan-goals').getByText(withPlan.plan.goals).waitFor();
    await expect(card.getByTestId('care-plan-services').locator('.ant-tag').count()).resolves.toBe(
      withPlan.plan.services.length,
    );
    await expect(card.getByTestId('care-plan-rhythm').innerText()).resolves.toMatch(
      withPlan.plan.rhythm ? new RegExp(`${withPlan.plan.rhythm.visits}\\s*次`) : /^按政策$/,
    );
    await expect(card.getByTestId('care-plan-review').innerText()).resolves.toContain(
      withPlan.plan.reviewOn,
    );
    // read-only: nothing to edit here, and not the file's note and last change
    expect(await card.getByRole('button').count()).toBe(0);
    expect(await card.getByText('最近修改').count()).toBe(0);

    // another subject, whose household has none
    await choose(without.subject.name);
    await card
      .getByTestId('care-plan-none')
      .getByText('该户尚未制定一户一策，按政策探访')
      .waitFor();
    expect(await card.getByTestId('care-plan-goals').count()).toBe(0);

    await dialog.getByRole('button', { name: /取\s*消/ }).click();
    await dialog.waitFor({ state: 'hidden' });
  });
});
