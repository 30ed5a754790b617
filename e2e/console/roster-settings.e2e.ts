import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, openPage, signInConsole } from '../support/browser.ts';

/*
 * Issue 8 item 13, "as the district configures": the district officer chooses on 名册设置 where
 * corrections go after approval. Every browser test shares the demo's one district and
 * roster-corrections.e2e.ts needs its corrections in the same month, so this test saves that same
 * value (which the district then has chosen instead of following the default); the rounds that
 * follow each choice are server tests (settings.test.ts).
 */

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

const DADONG = '210104000000';
const row = (page: Page) =>
  page.getByTestId('roster-settings').locator(`tr[data-row-key="${DADONG}"]`);

describe('roster settings', () => {
  test('the district chooses, and a save made meanwhile by someone else is refused', async (ctx) => {
    // the administrator opens the page first, and keeps what they read
    const admin = await openPage(browser, ctx);
    await signInConsole(admin, 'admin');
    // other browser tests' live notices may cover the menu's lower entries meanwhile
    await admin.goto('/roster-settings');
    await row(admin).getByText('沿用系统默认').waitFor();

    const officer = await openPage(browser, ctx);
    await signInConsole(officer, 'dadong');
    // 系统管理 is open from the start (a click would fold it): its 名册设置 is offered
    await officer.getByRole('menuitem', { name: '名册设置' }).waitFor();
    await officer.goto('/roster-settings');
    const ours = row(officer);
    await ours.getByText('沿用系统默认').waitFor();
    expect(await officer.getByText('系统默认：进入当月更正名册').count()).toBe(1);
    const same = ours.getByRole('radio', { name: /进入当月更正名册/ });
    expect(await same.isChecked()).toBe(true);
    await ours.getByRole('radio', { name: '进入次月名册' }).check();
    await same.check();
    await officer.getByTestId(`roster-setting-save-${DADONG}`).click();
    await officer.getByText('大东区的名册设置已保存').waitFor();
    await ours.getByText('区县已设置').waitFor();
    expect(await ours.innerText()).toContain('大东区民政局 李华');
    await expect
      .poll(() => officer.getByTestId(`roster-setting-save-${DADONG}`).isDisabled())
      .toBe(true);

    // the administrator's page still holds version 0: their save is refused, nothing overwritten
    await admin.getByTestId(`roster-setting-save-${DADONG}`).click();
    const refused = admin.getByTestId('roster-settings-error');
    await refused.waitFor();
    expect(await refused.innerText()).toContain('名册设置已被他人修改（现为第 1 版）');
    await row(admin).getByText('区县已设置').waitFor();
  });
});
