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

/** Today in Asia/Shanghai: the server warns from November that next year has no data. */
const today = new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Shanghai' });
const warnsOf2027 = today >= '2026-11-01' && today < '2027-11-01';

describe('the working-day calendar (工作日历)', () => {
  test('shows the official days of 2026, refuses a make-up day on a weekday, enters 2027', async (ctx) => {
    const page = await openPage(browser, ctx);
    await signInConsole(page, 'admin');
    if (warnsOf2027) {
      const warning = page.getByTestId('calendar-warning');
      await warning.getByText(/2027/).waitFor();
      if (today < '2027-01-01')
        expect(await warning.innerText()).toContain('明年（2027）节假日数据尚未录入');
      await warning.getByRole('link', { name: '前往工作日历' }).click();
    } else {
      await page.goto('/calendar');
    }
    await page.getByRole('heading', { name: '工作日历' }).waitFor();
    await page.getByTestId('calendar-year').getByText('2026 年').waitFor();

    // National Day 10-01..10-07 off, 09-20 and 10-10 worked; Spring Festival 02-15..02-23, 02-14, 02-28
    for (const date of ['2026-10-01', '2026-10-07', '2026-02-15', '2026-02-23'])
      expect(await page.getByTestId(`day-${date}`).getAttribute('data-kind'), date).toBe('holiday');
    for (const date of ['2026-09-20', '2026-10-10', '2026-02-14', '2026-02-28'])
      expect(await page.getByTestId(`day-${date}`).getAttribute('data-kind'), date).toBe('workday');
    expect(await page.getByTestId('day-2026-10-08').getAttribute('data-kind')).toBe('none');
    await page.getByTestId('day-2026-10-10').getByText('班').waitFor();
    await page.getByTestId('day-2026-10-01').getByText('休').waitFor();

    // a make-up working day must be a weekend day
    await page.getByTestId('day-2026-10-09').click();
    const editor = page.getByTestId('day-editor');
    await editor.getByText('调休上班').click();
    await editor.locator('#name').fill('国庆节');
    await page.getByRole('dialog').getByText('2026-10-09').click(); // closes the name's suggestions
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /^确\s?定$/ })
      .click();
    await editor.getByText('调休上班日应为周六或周日').waitFor();
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /^取\s?消$/ })
      .click();
    await editor.waitFor({ state: 'detached' });

    // enter 2027 with its New Year's Day
    await page.getByRole('button', { name: '录入新年度' }).click();
    await page.getByRole('dialog').getByRole('spinbutton').fill('2027');
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /^确\s?定$/ })
      .click();
    await page.getByTestId('calendar-year').getByText(/2027/).waitFor();
    await page.getByTestId('day-2027-01-01').click();
    await editor.getByText('法定节假日').click();
    await editor.locator('#name').fill('元旦');
    await page.getByRole('dialog').getByText('2027-01-01').click();
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /^确\s?定$/ })
      .click();
    await editor.waitFor({ state: 'detached' });
    await page.getByTestId('day-2027-01-01').getByText('休').waitFor();
    await page.getByTestId('calendar-save').click();
    await page.getByText('2027 年节假日已保存').waitFor();
    await page.getByText('管理员录入').waitFor();
    if (warnsOf2027) await page.getByTestId('calendar-warning').waitFor({ state: 'detached' });

    // in English too
    await page.getByTestId('lang-switch').getByText('English', { exact: true }).click();
    await page.getByRole('heading', { name: 'Working-day calendar' }).waitFor();
    await page.getByTestId('day-2027-01-01').getByText('Off').waitFor();
  });
});
