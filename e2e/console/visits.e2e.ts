import type { Browser } from 'playwright-core';
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
});
