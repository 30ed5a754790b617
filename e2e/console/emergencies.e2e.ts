import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { openDropdown } from '../support/antd.ts';
import {
  DEMO_PASSWORD,
  dialogsSettled,
  launchBrowser,
  liveConsole,
  openPage,
  signInConsole,
} from '../support/browser.ts';

/*
 * Emergencies (V10) in the console: 大北街道's officer has the console open; a community worker of
 * the street records an emergency by hand in another browser; it appears in the officer's banner at
 * once, without a reload, and stays there until the officer takes it. 万泉街道's officer never sees it.
 */

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

/** The first subject a demo account sees (through the API). */
async function firstSubjectOf(username: string): Promise<{ id: string; name: string }> {
  const base = inject('baseURL');
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  expect(login.status).toBe(200);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const res = await fetch(`${base}/api/subjects?pageSize=1`, { headers: { cookie } });
  const body = (await res.json()) as { items: { id: string; name: string }[] };
  expect(body.items[0]).toBeDefined();
  return body.items[0] as { id: string; name: string };
}

describe('emergencies in the console', () => {
  test('an emergency recorded by hand appears on the street officer’s open console and stays until taken', async (ctx) => {
    const dabei = await openPage(browser, ctx);
    const wanquan = await openPage(browser, ctx);
    const community = await openPage(browser, ctx);
    await liveConsole(dabei, 'dabei');
    await liveConsole(wanquan, 'wanquan');
    const subject = await firstSubjectOf('community1');

    // community1 records it by hand on the 应急事件 page
    await signInConsole(community, 'community1');
    await community.goto('/emergencies');
    await community.getByTestId('emergency-record').click();
    await dialogsSettled(community);
    await community.locator('#subjectId').click();
    await community.locator('#subjectId').fill(subject.name);
    await openDropdown(community).getByText(subject.name).first().click();
    await community.locator('#kind').click();
    await openDropdown(community).getByText('跌倒', { exact: true }).click();
    await community.locator('#emergency-what').fill('入户探访时发现老人在厨房跌倒，意识清醒');
    await community.locator('#emergency-record-submit').click();
    await community.getByText('应急事件已记录，已推送给街道和区民政局').waitFor();

    // dabei's banner shows it without a reload, and keeps it
    const banner = dabei.getByTestId('emergency-banner');
    const item = banner.getByTestId('emergency-banner-item').filter({ hasText: subject.name });
    await item.first().waitFor();
    expect(await item.first().innerText()).toContain('跌倒');
    await dabei.waitForTimeout(1000);
    expect(await item.count()).toBeGreaterThan(0);

    // dabei takes it from the banner: it leaves the banner
    const before = await item.count();
    await item
      .first()
      .getByRole('button', { name: /^查\s?看$/ })
      .click();
    const drawer = dabei.getByTestId('emergency-drawer');
    await drawer.getByTestId('emergency-take').click();
    await drawer.locator('[data-testid="emergency-status"]', { hasText: '处置中' }).waitFor();
    await expect.poll(() => item.count(), { timeout: 10_000 }).toBe(before - 1);

    // 万泉街道 is another street: no banner there
    expect(await wanquan.getByTestId('live-status').getAttribute('data-status')).toBe('connected');
    expect(await wanquan.getByTestId('emergency-banner').count()).toBe(0);
  });
});
