import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/harness.ts';
import {
  ImportWork,
  pruneImportProgress,
  readImportProgress,
  trackedWork,
  type ImportProgressView,
} from './progress.ts';
import { importProgress } from './tables.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

/** Keeps the thread busy for `ms` (a row's work, made long). */
const busy = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until);
};

describe('ImportWork', () => {
  it('gives the event loop a turn once a slice of work is spent', async () => {
    const work = new ImportWork(null);
    let other = false;
    setImmediate(() => (other = true));
    let steps = 0;
    while (!other && steps < 1000) {
      busy(1);
      await work.step('checking', ++steps, 1000);
    }
    // the other callback ran within a few slices, long before the loop's end
    expect(other).toBe(true);
    expect(steps).toBeLessThan(100);
  });

  it('records at most one progress per half second, the last one as done', async () => {
    const recorded: ImportProgressView[] = [];
    const work = new ImportWork(async (p) => void recorded.push(p));
    for (let i = 0; i <= 100; i++) await work.step('reading', i, 100);
    work.finish();
    await work.settled();
    expect(recorded[0]).toEqual({ phase: 'reading', done: 0, total: 100 });
    expect(recorded.at(-1)).toEqual({ phase: 'done', done: 100, total: 100 });
    expect(recorded.length).toBeLessThanOrEqual(3);
  });

  it('never fails the work when a progress cannot be written', async () => {
    const work = new ImportWork(() => Promise.reject(new Error('lost')));
    work.report({ phase: 'checking', done: 1, total: 2 });
    await expect(work.settled()).resolves.toBeUndefined();
  });
});

describe('the progress table', () => {
  it('keeps the latest progress per uploader and key, and prunes what is a day old', async () => {
    const [user, key] = [randomUUID(), randomUUID()];
    const work = trackedWork(t.db, user, key);
    work.report({ phase: 'reading', done: 10, total: 100 });
    work.report({ phase: 'checking', done: 40, total: 100 });
    await work.settled();
    expect(await readImportProgress(t.db, user, key)).toEqual({
      phase: 'checking',
      done: 40,
      total: 100,
    });
    expect(await readImportProgress(t.db, randomUUID(), key)).toBeNull();
    const old = randomUUID();
    await t.db.insert(importProgress).values({
      userId: user,
      key: old,
      phase: 'done',
      done: 1,
      total: 1,
      updatedAt: new Date(Date.now() - 25 * 3600_000),
    });
    expect(await pruneImportProgress(t.db)).toBeGreaterThanOrEqual(1);
    expect(await readImportProgress(t.db, user, old)).toBeNull();
    expect(await readImportProgress(t.db, user, key)).not.toBeNull();
  });
});
