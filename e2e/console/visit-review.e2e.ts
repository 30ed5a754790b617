import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { dialogsSettled, launchBrowser, openPage, signInConsole } from '../support/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

/** 刘敏's community (大北街道第一个社区); 王芳 (dabei) reviews the street's visits. */
const COMMUNITY = '210104002001';
type Subject = { id: string; name: string; householdId: string };
type Visit = { id: string; review: string; flags: string[] };

/** A calendar day (Asia/Shanghai) 20–40 days ago: early-morning visits then meet no other test's. */
function pastDay(): string {
  const daysAgo = 20 + Math.floor(Math.random() * 21);
  const shanghai = new Date(Date.now() + 8 * 3600_000 - daysAgo * 86_400_000);
  return shanghai.toISOString().slice(0, 10);
}

/**
 * As community1, in the page's session: a home visit of a subject of the community, 3 minutes at
 * 06:xx without a position, so flagged 时长过短 and 无定位 (and 补录过晚: it is weeks old).
 */
async function recordFlaggedVisit(page: Page, pick: number, day = pastDay(), hour = '06') {
  const res = await page.request.get(`/api/subjects?divisionCode=${COMMUNITY}&pageSize=100`);
  expect(res.status()).toBe(200);
  const { items } = (await res.json()) as { items: Subject[] };
  const subjects = items.filter((s) => s.name !== '张三');
  const subject = subjects[(pick + Math.floor(Math.random() * 7)) % subjects.length];
  if (!subject) throw new Error(`no subject in ${COMMUNITY}`);
  const minute = String(10 + Math.floor(Math.random() * 45)).padStart(2, '0');
  const end = String(Number(minute) + 3).padStart(2, '0');
  const key = crypto.randomUUID();
  const saved = await page.request.post('/api/visits', {
    headers: { 'Idempotency-Key': key },
    data: {
      subjectId: subject.id,
      kind: 'home',
      outcome: 'met',
      startedAt: `${day}T${hour}:${minute}:00+08:00`,
      endedAt: `${day}T${hour}:${end}:00+08:00`,
      gpsIssue: 'no_signal',
    },
  });
  expect(saved.status(), await saved.text()).toBe(201);
  const visit = (await saved.json()) as Visit;
  expect(visit.review).toBe('flagged');
  expect(visit.flags).toEqual(expect.arrayContaining(['too_short', 'no_position']));
  return { subject, visit, day, key };
}

/**
 * As the visitor who recorded it: a photo of the visit (`<its key>:photo:1`), sent as the phone
 * sends it, in two parts; answers the stored photo.
 */
async function sendPhoto(page: Page, visitKey: string, content: Buffer) {
  const key = `${visitKey}:photo:1`;
  const begun = await page.request.post('/api/visits/photos', {
    headers: { 'Idempotency-Key': crypto.randomUUID() },
    data: { key, size: content.length },
  });
  expect(begun.status(), await begun.text()).toBe(201);
  const half = Math.floor(content.length / 2);
  let last: unknown;
  for (const [start, end] of [
    [0, half],
    [half, content.length],
  ] as const) {
    const res = await page.request.put(`/api/visits/photos/${encodeURIComponent(key)}`, {
      headers: {
        'content-type': 'application/octet-stream',
        'content-range': `bytes ${start}-${end - 1}/${content.length}`,
      },
      data: content.subarray(start, end),
    });
    expect(res.status(), await res.text()).toBe(200);
    last = await res.json();
  }
  return (last as { photo: { fileId: string; similar: { visitId: string } | null } }).photo;
}

/** A picture no other run drew: random blocks of colour (their perceptual hash is its own). */
function randomPicture(): Promise<Buffer> {
  const blocks = Array.from({ length: 24 }, (_, i) => {
    const [x, y] = [(i % 6) * 100, Math.floor(i / 6) * 100];
    const grey = Math.floor(Math.random() * 256);
    return `<rect x="${x}" y="${y}" width="100" height="100" fill="rgb(${grey},${grey},${grey})"/>`;
  }).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="400">${blocks}</svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer();
}

/** As dabei: 巡访台账 → 待审核 (with its count), narrowed to the visit's day in the URL. */
async function openQueue(page: Page, day: string) {
  await page.getByRole('menuitem', { name: '巡访台账' }).click();
  await page.waitForURL('**/visits');
  await page.getByTestId('visits-table').waitFor();
  const tab = page.getByTestId('review-tab-flagged');
  // the queue holds at least the visit just recorded, and says how many
  await expect.poll(() => tab.innerText()).toMatch(/待审核\s*\d+/);
  await tab.click();
  await page.waitForURL(/\/visits\?review=flagged$/);
  await page.goto(`/visits?review=flagged&from=${day}&to=${day}`);
  await page.getByTestId('visits-table').waitFor();
}

/** The ledger's row of the visit, found by its subject's name. */
function rowOf(page: Page, visit: Visit, subject: Subject) {
  return page.locator(`tr[data-row-key="${visit.id}"]`, {
    has: page.getByTestId('visit-subject').getByText(subject.name, { exact: true }),
  });
}

describe('evidence review', () => {
  test('a 3-minute home visit without a position waits in 待审核 with both reasons; 王芳 returns it with a reason', async (ctx) => {
    const worker = await openPage(browser, ctx);
    await signInConsole(worker, 'community1');
    const { subject, visit, day } = await recordFlaggedVisit(worker, 0);

    const page = await openPage(browser, ctx);
    await signInConsole(page, 'dabei');
    await openQueue(page, day);
    const row = rowOf(page, visit, subject);
    await row.waitFor();
    await expect(row.getByTestId('review-state').innerText()).resolves.toBe('待审核');
    await row.getByText('时长过短').waitFor();
    await row.getByText('无定位').waitFor();

    await row.getByText('时长过短').click();
    const drawer = page.getByTestId('visit-drawer');
    const panel = drawer.getByTestId('visit-review');
    await panel.getByText('时长过短').waitFor();
    await panel.getByText('无定位').waitFor();
    await panel.getByTestId('return-visit').click();
    await dialogsSettled(page);
    const dialog = page.getByRole('dialog', { name: '退回巡访记录' });
    // the reason is required
    await page.locator('#return-visit-submit').click();
    await dialog.getByText('请填写退回原因').waitFor();
    const reason = `入户仅 3 分钟且无定位，请补充说明 ${Date.now()}`;
    await dialog.locator('#reason').fill(reason);
    const sent = page.waitForResponse(
      (res) =>
        new URL(res.url()).pathname === `/api/visits/${visit.id}/review` &&
        res.request().method() === 'POST',
    );
    await page.locator('#return-visit-submit').click();
    const res = await sent;
    expect(res.status()).toBe(200);
    expect(res.request().headers()['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.request().postDataJSON()).toEqual({ decision: 'return', reason });
    await page.getByText('已退回该巡访记录，不再计入应访').waitFor();

    // the drawer shows the decision; the buttons are gone
    await expect(panel.getByTestId('review-state').innerText()).resolves.toBe('已退回');
    await panel.getByTestId('visit-review-note').getByText(reason).waitFor();
    await panel.getByText('审核时间').waitFor();
    await expect(panel.getByTestId('return-visit').count()).resolves.toBe(0);
    await page.keyboard.press('Escape');

    // the queue no longer holds it; 已退回 does, with the reason
    await row.waitFor({ state: 'detached' });
    await page.getByTestId('review-tab-returned').click();
    await page.waitForURL(/review=returned/);
    await row.waitFor();
    await expect(row.getByTestId('review-state').innerText()).resolves.toBe('已退回');
    await row.getByTestId('review-note').getByText(reason).waitFor();
    await expect(row.innerText()).resolves.toMatch(/不计入/);
  });

  test('王芳 accepts another flagged visit: it leaves the queue as 已通过; one decided meanwhile answers 409', async (ctx) => {
    const worker = await openPage(browser, ctx);
    await signInConsole(worker, 'community1');
    const { subject, visit, day } = await recordFlaggedVisit(worker, 3);
    const other = await recordFlaggedVisit(worker, 5, day, '07');

    const page = await openPage(browser, ctx);
    await signInConsole(page, 'dabei');
    await openQueue(page, day);
    const row = rowOf(page, visit, subject);
    await row.waitFor();
    await row.getByText('时长过短').click();
    const panel = page.getByTestId('visit-drawer').getByTestId('visit-review');
    const sent = page.waitForResponse(
      (res) =>
        new URL(res.url()).pathname === `/api/visits/${visit.id}/review` &&
        res.request().method() === 'POST',
    );
    await panel.getByTestId('accept-visit').click();
    const res = await sent;
    expect(res.status()).toBe(200);
    expect(res.request().headers()['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.request().postDataJSON()).toEqual({ decision: 'accept' });
    await page.getByText('已通过该巡访记录').waitFor();
    await expect(panel.getByTestId('review-state').innerText()).resolves.toBe('已通过');
    await expect(panel.getByTestId('accept-visit').count()).resolves.toBe(0);
    await row.waitFor({ state: 'detached' });

    await page.keyboard.press('Escape');

    // the other is decided elsewhere while its drawer is open: the server's 409 message is shown
    const otherRow = rowOf(page, other.visit, other.subject);
    await otherRow.getByText('时长过短').click();
    await panel.getByTestId('accept-visit').waitFor();
    const elsewhere = await page.request.post(`/api/visits/${other.visit.id}/review`, {
      headers: { 'Idempotency-Key': crypto.randomUUID() },
      data: { decision: 'accept' },
    });
    expect(elsewhere.status()).toBe(200);
    await panel.getByTestId('accept-visit').click();
    await panel
      .getByTestId('review-error')
      .getByText('该巡访记录不在待审核队列中（未被标记，或已审核）')
      .waitFor();
    await page.keyboard.press('Escape');

    await page.getByTestId('review-tab-accepted').click();
    await page.waitForURL(/review=accepted/);
    await row.waitFor();
    await expect(row.getByTestId('review-state').innerText()).resolves.toBe('已通过');
    await row.getByText('时长过短').waitFor();
  });

  test('a photo seen on another visit flags the visit; 王芳 sees both pictures side by side', async (ctx) => {
    const worker = await openPage(browser, ctx);
    await signInConsole(worker, 'community1');
    const picture = await randomPicture();
    const first = await recordFlaggedVisit(worker, 1);
    expect((await sendPhoto(worker, first.key, picture)).similar).toBeNull();
    const second = await recordFlaggedVisit(worker, 2, first.day, '07');
    // the same picture, recompressed smaller: still the same scene
    const copy = await sharp(picture).resize(480).jpeg({ quality: 60 }).toBuffer();
    const stored = await sendPhoto(worker, second.key, copy);
    expect(stored.similar).toMatchObject({ visitId: first.visit.id });

    const page = await openPage(browser, ctx);
    await signInConsole(page, 'dabei');
    await openQueue(page, second.day);
    const row = rowOf(page, second.visit, second.subject);
    await row.getByText('照片与其他巡访雷同').waitFor();
    await row.getByText('时长过短').click();
    const drawer = page.getByTestId('visit-drawer');
    await drawer.getByTestId('visit-review').getByText('照片与其他巡访雷同').waitFor();
    const photos = drawer.getByTestId('visit-photos');
    await photos
      .getByTestId('photo-similar')
      .getByText(/与另一次巡访的照片雷同/)
      .waitFor();
    // both thumbnails load (its own and the other visit's), through the audited file download
    const images = photos.locator('img');
    await expect.poll(() => images.count()).toBe(2);
    await expect
      .poll(() =>
        images.evaluateAll((list) =>
          list.every(
            (i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0,
          ),
        ),
      )
      .toBe(true);
  });
});
