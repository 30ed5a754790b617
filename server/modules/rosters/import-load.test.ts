import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importProgress } from '../../platform/imports/tables.ts';
import { loggedIn, type Session } from '../../test/actors.ts';
import { makeDistrict } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { largeRosterWorkbook, multipart } from '../../test/roster-support.ts';
import { communityIn } from '../../test/subject-factories.ts';

/**
 * Issue 8 item 7: a 200,000-row dry run held the event loop (health checks waited 10 s). The read
 * and the check of an upload now take turns with other requests, outside the import's transaction
 * (on PGlite a transaction holds the one connection), and record their progress under the request's
 * Idempotency-Key for the uploader. Over a real listening server: health checks are answered while
 * a large dry run is in flight — counted as answers that arrived before its own, not in ms.
 */
const ROWS = 20_000;
let t: TestApp;
let base: string;
let uploader: Session;
let file: Buffer;

beforeAll(async () => {
  t = await createTestApp();
  const district = await makeDistrict(t.db);
  uploader = await loggedIn(t, { role: 'district_admin', divisionCode: district.code });
  file = await largeRosterWorkbook(ROWS, await communityIn(t.db, district.code));
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
}, 120_000);
afterAll(async () => {
  await t?.close();
});

const progressOf = (key: string, session: Session) =>
  fetch(`${base}/api/imports/${key}/progress`, { headers: { cookie: session.cookie } });

describe('a large dry run', () => {
  it('answers 200 {accepted, rejected} while other requests are answered, and shows its progress', async () => {
    const key = randomUUID();
    const { payload, headers } = multipart(file);
    let answered = false;
    const dryRun = fetch(`${base}/api/subjects/import?dryRun=true`, {
      method: 'POST',
      headers: { ...headers, cookie: uploader.cookie, 'idempotency-key': key },
      body: new Uint8Array(payload),
    }).then(async (res) => {
      answered = true;
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    });
    let healthMeanwhile = 0;
    const seen: { phase: string; done: number; total: number | null }[] = [];
    while (!answered) {
      const [health, progress] = await Promise.all([
        fetch(`${base}/api/health`),
        progressOf(key, uploader),
      ]);
      if (health.ok && !answered) healthMeanwhile++;
      if (progress.ok && !answered) seen.push((await progress.json()) as (typeof seen)[number]);
    }
    const { status, body } = await dryRun;
    expect(status).toBe(200);
    expect(body).toMatchObject({ accepted: ROWS, rejected: [], committed: false });
    // the check gave turns all along: many health checks answered before the dry run's answer
    // (a held event loop answered 4 here, all before the file was read; taking turns: hundreds)
    expect(healthMeanwhile).toBeGreaterThanOrEqual(50);
    // its progress was there to see while it ran, rows read or checked of the rows there are
    expect(seen.length).toBeGreaterThan(0);
    // `done` is recorded just before the answer is sent, so the last polls may see it first
    const running = seen.filter((p) => p.phase !== 'done');
    const finished = seen.slice(running.length);
    expect(seen.slice(0, running.length)).toEqual(running);
    for (const p of running) {
      expect(['reading', 'checking']).toContain(p.phase);
      expect(p.done).toBeLessThanOrEqual(p.total ?? Infinity);
    }
    for (const p of finished) expect(p).toEqual({ phase: 'done', done: ROWS, total: ROWS });
    expect(running.some((p) => p.phase === 'checking' || p.done > 0)).toBe(true);
    // once answered: done, every row checked
    const after = await progressOf(key, uploader);
    expect(after.status).toBe(200);
    expect(await after.json()).toEqual({ phase: 'done', done: ROWS, total: ROWS });
  }, 120_000);
});

describe('GET /api/imports/:key/progress', () => {
  it('is the uploader’s only: another user, an unknown key and no session get no progress', async () => {
    const key = randomUUID();
    const { payload, headers } = multipart(
      await largeRosterWorkbook(50, await communityIn(t.db, uploader.user.divisionCode as string)),
    );
    const res = await fetch(`${base}/api/subjects/import?dryRun=true`, {
      method: 'POST',
      headers: { ...headers, cookie: uploader.cookie, 'idempotency-key': key },
      body: new Uint8Array(payload),
    });
    expect(res.status).toBe(200);
    const mine = await progressOf(key, uploader);
    expect(await mine.json()).toEqual({ phase: 'done', done: 50, total: 50 });
    const other = await loggedIn(t, {
      role: 'district_admin',
      divisionCode: uploader.user.divisionCode as string,
    });
    const theirs = await progressOf(key, other);
    expect(theirs.status).toBe(404);
    expect(((await theirs.json()) as { error: { code: string } }).error.code).toBe(
      'system.import_progress_not_found',
    );
    expect((await progressOf(randomUUID(), uploader)).status).toBe(404);
    expect((await fetch(`${base}/api/imports/${key}/progress`)).status).toBe(401);
    expect((await progressOf('short', uploader)).status).toBe(400);
  });

  it('records nothing for an upload without a key (it still answers)', async () => {
    const count = async () =>
      (await t.db.select().from(importProgress).where(eq(importProgress.userId, uploader.user.id)))
        .length;
    const before = await count();
    const { payload, headers } = multipart(
      await largeRosterWorkbook(3, await communityIn(t.db, uploader.user.divisionCode as string)),
    );
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/subjects/import?dryRun=true',
      payload,
      headers: { ...headers, cookie: uploader.cookie },
    });
    expect(res.json()).toMatchObject({ accepted: 3, rejected: [] });
    expect(await count()).toBe(before);
  });
});
