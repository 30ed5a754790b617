import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { DEMO_PASSWORD, launchBrowser, openPage, signInConsole } from '../support/browser.ts';

/*
 * Live push in the console: a community worker of 大北街道 submits a roster round (through the API)
 * and 大北街道's officer is told at once, with a link to the round; 万泉街道's officer is not. The
 * round is three months ahead, which no other browser test uses.
 */

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

/** `YYYY-MM` in Asia/Shanghai, `offset` months from now. */
function month(offset: number): string {
  const shanghai = { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' } as const;
  const at = new Date(`${new Intl.DateTimeFormat('en-CA', shanghai).format(new Date())}-01T00:00Z`);
  at.setUTCMonth(at.getUTCMonth() + offset);
  return at.toISOString().slice(0, 7);
}

/** The API as a demo account: JSON in and out, signed in with the session cookie. */
async function apiAs(username: string) {
  const base = inject('baseURL');
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  expect(login.status).toBe(200);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { cookie, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const json = (await res.json()) as Record<string, unknown>;
    expect(res.status, JSON.stringify(json)).toBeLessThan(300);
    return json as { id: string; items: { id: string }[] };
  };
}

async function liveConsole(page: Page, username: string) {
  await signInConsole(page, username);
  await page.locator('[data-testid="live-status"][data-status="connected"]').waitFor();
  expect(await page.getByTestId('live-status').innerText()).toBe('实时');
}

describe('live events in the console', () => {
  test('a street officer is told when a community of their street submits a round; a sibling street’s officer is not', async (ctx) => {
    const dabei = await openPage(browser, ctx);
    const wanquan = await openPage(browser, ctx);
    await liveConsole(dabei, 'dabei');
    await liveConsole(wanquan, 'wanquan');

    const community = await apiAs('community1');
    const ym = month(3);
    const subject = (await community('GET', '/api/subjects?pageSize=1')).items[0];
    expect(subject).toBeDefined();
    await community('POST', '/api/roster-rounds/removals', {
      subjectId: subject?.id,
      removalReason: 'moved',
      month: ym,
    });
    const round = (await community('GET', `/api/roster-rounds?month=${ym}`)).items[0];
    await community('POST', `/api/roster-rounds/${round?.id}/submit`);

    // this round's notification: other browser tests submit 大北街道's rounds of other months meanwhile
    const notice = dabei.getByTestId('live-notification').filter({ hasText: `${ym} 月份` });
    await notice.getByText('名册已提交待审核').waitFor();
    await notice.getByRole('button', { name: /^查\s?看$/ }).click();
    await dabei.waitForURL(new RegExp(`/roster-rounds/${round?.id}$`));

    // 万泉街道's stream is served in the same order: had the event reached it, it would be there now
    expect(await wanquan.getByTestId('live-status').getAttribute('data-status')).toBe('connected');
    expect(await wanquan.getByTestId('live-notification').count()).toBe(0);
  });
});
