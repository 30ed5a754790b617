import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, openPage, signInConsole } from '../support/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

/**
 * Every request to a host other than the test server fails, and is noted: the map works offline,
 * its outlines, code, style sheet and marker images all come from the platform (no tiles are
 * configured in the test server, so none are asked for).
 */
async function offline(page: Page): Promise<string[]> {
  const elsewhere: string[] = [];
  await page.context().route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1' || url.hostname === 'localhost') return route.continue();
    elsewhere.push(url.href);
    return route.abort('internetdisconnected');
  });
  return elsewhere;
}

type HouseholdFile = {
  id: string;
  location: { lat: number; lng: number; source: string; confirmed: boolean } | null;
  members: { id: string; name: string; status: string }[];
};

/** A household of community1's community that has no place yet (found through the API). */
async function unplacedHousehold(page: Page): Promise<HouseholdFile> {
  const list = await page.request.get('/api/subjects?pageSize=60');
  const { items } = (await list.json()) as { items: { householdId: string }[] };
  for (const s of items) {
    const file = (await (
      await page.request.get(`/api/households/${s.householdId}`)
    ).json()) as HouseholdFile;
    if (!file.location && file.members.some((m) => m.status === 'active')) return file;
  }
  throw new Error('no household without a place in community1’s community');
}

/** The map has drawn: the outlines of the streets (SVG paths), their names, the marker images. */
async function drawn(page: Page, testId: string) {
  const map = page.getByTestId(testId);
  await map.locator('.leaflet-container').waitFor();
  await expect.poll(() => map.locator('path.district-map-outline').count()).toBeGreaterThan(0);
  await map.locator('.district-map-label', { hasText: '大北街道' }).waitFor();
  return map;
}

describe('the district map', () => {
  test('community1 places a household on the map, saves, reloads and sees it there; nothing is asked of another host', async (ctx) => {
    const page = await openPage(browser, ctx);
    const elsewhere = await offline(page);
    await signInConsole(page, 'community1');
    const household = await unplacedHousehold(page);

    await page.goto(`/households/${household.id}`);
    const card = page.getByTestId('household-location');
    await card.getByTestId('household-location-status').getByText('未定位').waitFor();
    const map = await drawn(page, 'household-map');
    // the household's street is framed and stressed
    await expect(map.locator('path.district-map-focus').count()).resolves.toBe(1);
    // reduced motion (openPage asks for it): no zoom or fade animations
    const container = map.locator('.leaflet-container');
    await expect(container.getAttribute('class')).resolves.not.toContain('leaflet-fade-anim');
    await expect(map.locator('.leaflet-proxy').count()).resolves.toBe(0);

    await card.getByTestId('household-location-place').click();
    await card.getByTestId('household-location-placing').getByText('请在地图上点击').waitFor();
    await expect(card.getByTestId('household-location-save').isDisabled()).resolves.toBe(true);
    // a click in the stressed street's outline: its middle is where the frame centres it. The
    // point is taken relative to the map when the click is made: the cards above it (the care
    // plan) may still change height after the map is drawn, moving it down the page
    const box = await container.boundingBox();
    if (!box) throw new Error('the map has no box');
    await container.click({ position: { x: box.width / 2, y: box.height / 2 } });
    const draft = map.locator('img.leaflet-marker-icon[title="新位置（未保存）"]');
    await draft.waitFor();
    await expect(draft.getAttribute('class')).resolves.not.toContain('leaflet-zoom-animated');
    await card.getByText(/新位置：纬度 \d+\.\d{6}，经度 \d+\.\d{6}/).waitFor();

    const saved = page.waitForResponse(
      (res) =>
        new URL(res.url()).pathname === `/api/households/${household.id}/location` &&
        res.request().method() === 'PUT',
    );
    await card.getByTestId('household-location-save').click();
    const res = await saved;
    expect(res.status()).toBe(200);
    const placed = (await res.json()) as { lat: number; lng: number; source: string };
    expect(placed).toMatchObject({ source: 'map', confirmed: true });
    // the demo district lies around 41.8 N, 123.5 E
    expect(placed.lat).toBeGreaterThan(41.7);
    expect(placed.lat).toBeLessThan(41.9);
    expect(placed.lng).toBeGreaterThan(123.4);
    expect(placed.lng).toBeLessThan(123.6);
    await page.getByText('位置已保存').waitFor();

    await page.reload();
    const status = page.getByTestId('household-location-status');
    await status
      .getByText(`纬度 ${placed.lat.toFixed(6)}，经度 ${placed.lng.toFixed(6)}`)
      .waitFor();
    await status.getByText('地图标注').waitFor();
    await status.getByText('已确认').waitFor();
    const again = await drawn(page, 'household-map');
    await again.locator('img.leaflet-marker-icon[title="住户位置"]').waitFor();
    await page
      .getByTestId('household-timeline')
      .getByTestId('event-title')
      .getByText('在地图上标注位置')
      .first()
      .waitFor();
    await again.screenshot({ path: '/tmp/household-map.png' });

    // a home visit of the household's member, checked in some 55 m away: its drawer shows it all
    const member = household.members.find((m) => m.status === 'active');
    const now = Date.now();
    const recorded = await page.request.post('/api/visits', {
      headers: { 'idempotency-key': `maps-e2e-${now}` },
      data: {
        subjectId: member?.id,
        kind: 'home',
        startedAt: new Date(now - 45 * 60_000).toISOString(),
        endedAt: new Date(now - 10 * 60_000).toISOString(),
        outcome: 'met',
        checkIn: {
          lat: placed.lat + 0.0005,
          lng: placed.lng,
          accuracy: 25,
          at: new Date(now - 44 * 60_000).toISOString(),
        },
        checkOut: {
          lat: placed.lat,
          lng: placed.lng + 0.0006,
          accuracy: 40,
          at: new Date(now - 11 * 60_000).toISOString(),
        },
      },
    });
    expect(recorded.status()).toBe(201);
    const visit = (await recorded.json()) as { id: string; distanceMeters: number };
    expect(visit.distanceMeters).toBeGreaterThan(40);
    expect(visit.distanceMeters).toBeLessThan(70);

    await page.goto('/visits');
    await page.locator(`tr[data-row-key="${visit.id}"]`).getByText('入户巡访').click();
    const drawer = page.getByTestId('visit-drawer');
    await drawer
      .getByTestId('visit-map-distance')
      .getByText(`签到点距住户位置 ${visit.distanceMeters} 米`)
      .waitFor();
    const visitMap = await drawn(page, 'visit-map');
    await visitMap.locator('img.leaflet-marker-icon[title="住户位置"]').waitFor();
    await expect(visitMap.locator('path.district-map-checkIn').count()).resolves.toBe(1);
    await expect(visitMap.locator('path.district-map-checkOut').count()).resolves.toBe(1);
    await expect(visitMap.locator('path.district-map-accuracy-checkIn').count()).resolves.toBe(1);
    await expect(visitMap.locator('path.district-map-accuracy-checkOut').count()).resolves.toBe(1);
    await visitMap.screenshot({ path: '/tmp/visit-drawer-map.png' });
    await drawer.screenshot({ path: '/tmp/visit-drawer.png' });

    expect(elsewhere).toEqual([]);
  });

  test('dabei confirms the place a first home visit proposed in the demo data, and sees the demo visits measured', async (ctx) => {
    const page = await openPage(browser, ctx);
    const elsewhere = await offline(page);
    await signInConsole(page, 'dabei');
    // visitor1's home visits of the last two days (demo data) checked in: the newest of the ledger
    const list = await page.request.get('/api/visits?kind=home&pageSize=40');
    const { items } = (await list.json()) as {
      items: { id: string; householdId: string; checkIn: unknown; distanceMeters: number | null }[];
    };
    const checkedIn = items.filter((v) => v.checkIn);
    expect(checkedIn.filter((v) => v.distanceMeters !== null).length).toBeGreaterThan(0);
    let proposed: string | null = null;
    for (const v of checkedIn) {
      const file = (await (
        await page.request.get(`/api/households/${v.householdId}`)
      ).json()) as HouseholdFile;
      if (file.location?.source === 'first_visit' && !file.location.confirmed) {
        proposed = file.id;
        break;
      }
    }
    if (!proposed) throw new Error('the demo data has no proposed place to confirm');

    await page.goto(`/households/${proposed}`);
    const status = page.getByTestId('household-location-status');
    await status.getByText('首次入户签到').waitFor();
    await status.getByText('待确认').waitFor();
    const map = await drawn(page, 'household-map');
    await map.locator('img.leaflet-marker-icon[title="首次入户签到位置（待确认）"]').waitFor();
    const confirmed = page.waitForResponse(
      (res) => new URL(res.url()).pathname === `/api/households/${proposed}/location/confirm`,
    );
    await page.getByTestId('household-location-confirm').click();
    expect((await confirmed).status()).toBe(200);
    await page.getByText('位置已确认').waitFor();
    await status.getByText('已确认').waitFor();
    await map.locator('img.leaflet-marker-icon[title="住户位置"]').waitFor();
    await page
      .getByTestId('household-timeline')
      .getByTestId('event-title')
      .getByText('确认首次入户定位')
      .first()
      .waitFor();
    await expect(page.getByTestId('household-location-confirm').count()).resolves.toBe(0);

    // a measured demo visit: its drawer says how far from home it was checked in
    const measured = checkedIn.find((v) => v.distanceMeters !== null);
    await page.goto('/visits');
    await page.locator(`tr[data-row-key="${measured?.id}"]`).getByText('入户巡访').click();
    await page
      .getByTestId('visit-map-distance')
      .getByText(`签到点距住户位置 ${measured?.distanceMeters} 米`)
      .waitFor();
    const visitMap = await drawn(page, 'visit-map');
    await expect(visitMap.locator('path.district-map-checkIn').count()).resolves.toBe(1);

    expect(elsewhere).toEqual([]);
  });
});
