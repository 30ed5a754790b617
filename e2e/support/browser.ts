import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { inject, type TestContext } from 'vitest';

export const DEMO_PASSWORD = 'Demo@2025';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * A page in a fresh browser context (own cookies and storage) at the test server. When the test
 * fails, a full-page screenshot goes to test-results/<file>--<test>.png before the context closes.
 */
export async function openPage(
  browser: Browser,
  ctx: TestContext,
  viewport = { width: 1366, height: 768 },
): Promise<Page> {
  const context = await browser.newContext({
    baseURL: inject('baseURL'),
    viewport,
    locale: 'zh-CN',
    // antd's animations off (the console honours the system's setting): a click never lands on a
    // popup still sliding in, which once sent Playwright scrolling and the click astray
    reducedMotion: 'reduce',
  });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  // The Content-Security-Policy must not break the apps: a violation fails the test that caused it.
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  ctx.onTestFinished(async () => {
    if (ctx.task.result?.state === 'fail') {
      const file = path.basename(ctx.task.file.name).replace(/\.e2e\.ts$/, '');
      const name = `${file}--${ctx.task.name}`.replace(/[^\p{L}\p{N}-]+/gu, '-').slice(0, 120);
      fs.mkdirSync('test-results', { recursive: true });
      await page
        .screenshot({ path: `test-results/${name}.png`, fullPage: true })
        .catch(() => undefined);
    }
    await context.close();
    if (violations.length > 0) throw new Error(`CSP violations:\n${violations.join('\n')}`);
  });
  return page;
}

/** Signs in through the login form of the console (/login) or the field app (/m/login). */
export async function signIn(
  page: Page,
  loginPath: '/login' | '/m/login',
  username: string,
  password = DEMO_PASSWORD,
) {
  await page.goto(loginPath);
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.getByTestId('login-submit').click();
}

/** Signs in to the console and waits for the welcome card of the home page. */
export async function signInConsole(page: Page, username: string) {
  await signIn(page, '/login', username);
  await page.getByTestId('welcome-card').waitFor();
}

/** Signed in to the console with its live events connected (实时): pushed notices will arrive. */
export async function liveConsole(page: Page, username: string) {
  await signInConsole(page, username);
  await page.locator('[data-testid="live-status"][data-status="connected"]').waitFor();
}

/**
 * Clicks what starts a download and returns the file the browser got. The click is awaited on its
 * own first, so that a click that cannot land fails as itself; the file may then take longer than
 * an action's 10 s on a loaded machine.
 */
export async function downloadFrom(page: Page, click: () => Promise<void>) {
  const downloaded = page.waitForEvent('download', { timeout: 30_000 });
  downloaded.catch(() => undefined);
  await click();
  const download = await downloaded;
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  return { name: download.suggestedFilename(), content: Buffer.concat(chunks) };
}

/**
 * Waits until no dialog is still zooming open: on a loaded machine a click aimed at a button of a
 * dialog in its opening animation can land beside it, where the button was a frame earlier.
 */
export async function dialogsSettled(page: Page) {
  await page.waitForFunction(
    () => !document.querySelector('[class*="ant-zoom-appear"], [class*="ant-zoom-enter"]'),
  );
}
