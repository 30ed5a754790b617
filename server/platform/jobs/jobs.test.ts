import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { rows } from '../../db/client.ts';
import { jobDefinitions } from '../../routes.ts';
import { actorsFor, type Session } from '../../test/actors.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { defineJob } from './define-job.ts';
import { enqueueJob, findJobRunner } from './runner.ts';

/**
 * Durable jobs on the test database (PGlite, or PostgreSQL with DATABASE_URL): enqueued in the
 * writing transaction, retried, parked, shown to the administrator and retried by them.
 */

const ran: string[] = [];
const probeJob = defineJob({
  name: 'test.probe',
  label: { 'zh-CN': '测试探针', 'en-US': 'Test probe' },
  payload: z.object({ tag: z.string() }),
  run: async (_ctx, { tag }) => void ran.push(tag),
});

let failures = 0;
const parkings: { n: number; error: string; attempt: number }[] = [];
const failingJob = defineJob({
  name: 'test.failing',
  label: { 'zh-CN': '总是失败', 'en-US': 'Always fails' },
  payload: z.object({ n: z.number() }),
  retry: { limit: 2, delaySeconds: 1 },
  run: async () => {
    failures += 1;
    throw new Error(`boom ${failures}`);
  },
  parked: async (ctx, { n }, error) =>
    void parkings.push({ n, error: (error as Error).message, attempt: ctx.job.attempt }),
});

let t: TestApp;
let admin: Session;
beforeAll(async () => {
  t = await createTestApp({
    jobs: [...jobDefinitions, probeJob, failingJob],
    jobTiming: { pollingIntervalSeconds: 0.5 },
  });
  admin = await actorsFor(t).asAdmin();
});
afterAll(async () => {
  await t?.close();
});

const poll = { timeout: 15_000, interval: 200 };

describe('a job enqueued in a transaction', () => {
  it('never runs when the transaction rolls back, and runs when it commits', async () => {
    let rolledBackId = '';
    await expect(
      t.db.transaction(async (tx) => {
        rolledBackId = await enqueueJob(tx, probeJob, { tag: 'rolled-back' });
        throw new Error('the write fails after enqueueing');
      }),
    ).rejects.toThrow('the write fails');
    await t.db.transaction(async (tx) => {
      await enqueueJob(tx, probeJob, { tag: 'committed' });
    });
    // Jobs are fetched oldest first: once the later one has run, the earlier one would have too.
    await expect.poll(() => ran, poll).toContain('committed');
    expect(ran).not.toContain('rolled-back');
    const [left] = await rows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from pgboss.job where id = ${rolledBackId}::uuid`,
    );
    expect(left?.n).toBe(0);
  });

  it('refuses a payload its schema refuses, before anything is written', async () => {
    await expect(
      enqueueJob(t.db, probeJob, { tag: 7 } as unknown as { tag: string }),
    ).rejects.toThrow();
  });
});

describe('a job that throws', () => {
  it('is retried, then parked with its error; the administrator retries it (audited)', async () => {
    await t.db.transaction((tx) => enqueueJob(tx, failingJob, { n: 1 }));
    const parked = async () => {
      const res = await t.app.inject({ url: '/api/jobs/failures', headers: admin.headers });
      const body = res.json<{
        items: { id: string; queue: string; error: string; attempts: number }[];
      }>();
      return body.items.filter((j) => j.queue === 'test.failing');
    };
    await expect.poll(parked, poll).toHaveLength(1);
    expect(failures).toBe(3); // the first attempt and two retries
    const [job] = await parked();
    expect(job).toMatchObject({ error: 'boom 3', attempts: 3 });
    // the module heard of it once, on the last attempt, not on the retried ones
    expect(parkings).toEqual([{ n: 1, error: 'boom 3', attempt: 3 }]);

    const retry = await t.app.inject({
      method: 'POST',
      url: `/api/jobs/failures/${job?.id}/retry`,
      headers: admin.headers,
    });
    expect(retry.statusCode).toBe(200);
    await expect.poll(() => failures, poll).toBeGreaterThan(3);
    const [audited] = await rows<{ entity_id: string; detail: { queue: string } }>(
      t.db,
      sql`select entity_id, detail from audit_log where action = 'job.retry'`,
    );
    expect(audited).toMatchObject({ entity_id: job?.id, detail: { queue: 'test.failing' } });

    const again = await t.app.inject({
      method: 'POST',
      url: `/api/jobs/failures/${job?.id}/retry`,
      headers: admin.headers,
    });
    expect(again.statusCode).toBe(404);
    expect(again.json()).toMatchObject({ error: { code: 'job.not_parked' } });
    // Sealing still runs about every second alongside the workers.
    await expect
      .poll(
        async () =>
          (
            await rows<{ n: number }>(
              t.db,
              sql`select count(*)::int as n from audit_log where seq is null`,
            )
          )[0]?.n,
        { timeout: 5000, interval: 200 },
      )
      .toBe(0);
  });
});

describe('a job whose payload its schema refuses', () => {
  it('is parked at once, without running or retrying', async () => {
    // As a job of an older release would arrive: sent past enqueueJob's own check.
    const runner = findJobRunner(t.db);
    const id = await runner?.boss.send('test.probe', { tag: 42 });
    const res = async () =>
      (await t.app.inject({ url: '/api/jobs/failures', headers: admin.headers })).json<{
        items: { queue: string; attempts: number; error: string; payload: unknown }[];
      }>().items;
    await expect
      .poll(async () => (await res()).filter((j) => j.queue === 'test.probe'), poll)
      .toHaveLength(1);
    const [parked] = (await res()).filter((j) => j.queue === 'test.probe');
    expect(parked).toMatchObject({ attempts: 1, payload: { tag: 42 } });
    expect(parked?.error).toMatch(/string/i);
    expect(id).toBeTruthy();
    expect(ran).not.toContain(42);
  });
});

describe('the administrator’s views', () => {
  it('lists the queues with counts by state, and the schedules in Asia/Shanghai', async () => {
    const queues = await t.app.inject({ url: '/api/jobs/queues', headers: admin.headers });
    expect(queues.statusCode).toBe(200);
    const items = queues.json<{ items: { queue: string; counts: { completed: number } }[] }>()
      .items;
    expect(items.map((q) => q.queue)).toEqual(
      expect.arrayContaining([
        'idempotency.prune',
        'sessions.prune',
        'test.probe',
        'jobs.dead_letter',
      ]),
    );
    expect(items.find((q) => q.queue === 'test.probe')?.counts.completed).toBeGreaterThanOrEqual(1);

    const schedules = await t.app.inject({ url: '/api/jobs/schedules', headers: admin.headers });
    const sessionsPrune = schedules
      .json<{ items: { queue: string; cron: string; timezone: string; nextRunAt: string }[] }>()
      .items.find((s) => s.queue === 'sessions.prune');
    expect(sessionsPrune).toMatchObject({ cron: '15 * * * *', timezone: 'Asia/Shanghai' });
    // the platform's collectors are scheduled too
    const queuesScheduled = schedules
      .json<{ items: { queue: string }[] }>()
      .items.map((s) => s.queue);
    expect(queuesScheduled).toEqual(
      expect.arrayContaining(['files.collect', 'events.prune', 'imports.prune']),
    );
    expect(new Date(sessionsPrune?.nextRunAt ?? '').getUTCMinutes()).toBe(15);
    expect(new Date(sessionsPrune?.nextRunAt ?? '').getTime()).toBeGreaterThan(Date.now());
  });

  it('answers 403 to any role but the administrator', async () => {
    const officer = await actorsFor(t).asDistrictAdmin();
    const res = await t.app.inject({ url: '/api/jobs/queues', headers: officer.headers });
    expect(res.statusCode).toBe(403);
  });
});
