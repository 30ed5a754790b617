import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { launchBrowser, openPage, signInConsole } from '../support/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

/** The Content-Security-Policy is on and breaks nothing (openPage fails a test on any violation). */
describe('the Content-Security-Policy', () => {
  test('is sent with the console, which renders and signs in under it', async (ctx) => {
    const page = await openPage(browser, ctx);
    const response = await page.goto('/login');
    const csp = response?.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self'");
    await signInConsole(page, 'admin');
    await page.goto('/users');
    await page.locator('.ant-table').waitFor();
  });

  test('the API documentation (Swagger UI) still renders under it', async (ctx) => {
    const page = await openPage(browser, ctx);
    const response = await page.goto('/api/docs');
    expect(response?.headers()['content-security-policy']).toBeTruthy();
    await page.locator('.swagger-ui .info .title').waitFor();
    expect(await page.locator('.opblock').count()).toBeGreaterThan(10);
  });
});

describe('the violation check itself', () => {
  test('hears a violation: an inline script on a page under the policy is refused and reported', async () => {
    const page = await browser.newPage({ baseURL: inject('baseURL') });
    try {
      const heard: string[] = [];
      page.on('console', (m) => {
        if (/Content Security Policy/i.test(m.text())) heard.push(m.text());
      });
      await page.goto('/login');
      await page.evaluate(() => {
        const script = document.createElement('script');
        script.textContent = 'window.injected = true';
        document.head.append(script);
      });
      await expect.poll(() => heard.length).toBeGreaterThan(0);
      expect(await page.evaluate(() => 'injected' in window)).toBe(false);
    } finally {
      await page.close();
    }
  });
});
