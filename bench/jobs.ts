/**
 * `npm run bench:jobs`: 1,000 writes, each a transaction with its audit row, with and without a
 * job enqueued in the same transaction (`enqueueJob`), one writer after another, on PostgreSQL
 * (BENCH_DATABASE_URL, default the local server) and on PGlite (in memory). Prints the write's time
 * with and without the job (their ratio is the cost the job adds) and the jobs run per second, from
 * the first enqueue to the last job done, and for a backlog enqueued at once. Not a timed test.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { z } from 'zod';
import { buildApp } from '../server/app.ts';
import { parseConfig } from '../server/config.ts';
import { migrateDatabase, openDatabase, type Database, type Db } from '../server/db/client.ts';
import { jobDefinitions } from '../server/routes.ts';
import { audit } from '../server/platform/audit/audit.ts';
import { defineJob } from '../server/platform/jobs/define-job.ts';
import { enqueueJob } from '../server/platform/jobs/runner.ts';
import { printTable } from './table.ts';

const N = Number(process.env.BENCH_JOBS ?? 1000);
const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

let done = 0;
let lastDoneAt = 0;
const benchJob = defineJob({
  name: 'bench.touch',
  label: { 'zh-CN': '压测任务', 'en-US': 'Bench job' },
  payload: z.object({ n: z.number() }),
  concurrency: 2,
  run: async () => {
    done += 1;
    lastDoneAt = performance.now();
  },
});

const who = { username: 'bench', role: 'admin' };
const write = (tx: Db, n: number) =>
  audit(tx, who, { action: 'export', entity: 'bench', entityId: String(n) });

async function timed(run: () => Promise<void>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

async function measure(kind: string, database: Database): Promise<string[][]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guanai-bench-jobs-'));
  const config = parseConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent', DEMO_DATA: '0' });
  await migrateDatabase(database);
  const { app } = await buildApp({
    database,
    config,
    serveWeb: false,
    logger: false,
    jobs: [...jobDefinitions, benchJob],
    jobTiming: { pollingIntervalSeconds: 0.5 },
  });
  try {
    const { db } = database;
    // Warm up both paths (connections, plans, pg-boss's queue cache).
    for (let i = 0; i < 50; i++) await db.transaction((tx) => write(tx, -i));
    for (let i = 0; i < 50; i++)
      await db.transaction(async (tx) => {
        await write(tx, -i);
        await enqueueJob(tx, benchJob, { n: -i });
      });
    while (done < 50) await new Promise((r) => setTimeout(r, 50));
    done = 0;

    // Interleaved, so that both see the same machine (the disk's fsync dominates on PostgreSQL).
    let raw = 0;
    let withJob = 0;
    const start = performance.now();
    for (let i = 0; i < N; i++) {
      raw += await timed(() => db.transaction((tx) => write(tx, i)));
      withJob += await timed(() =>
        db.transaction(async (tx) => {
          await write(tx, i);
          await enqueueJob(tx, benchJob, { n: i });
        }),
      );
    }
    while (done < N) await new Promise((r) => setTimeout(r, 20));
    const drained = lastDoneAt - start;

    // The workers alone: a backlog of N jobs enqueued in one transaction, run to the last.
    done = 0;
    const backlogStart = performance.now();
    await db.transaction(async (tx) => {
      for (let i = 0; i < N; i++) await enqueueJob(tx, benchJob, { n: i });
    });
    const enqueued = performance.now() - backlogStart;
    while (done < N) await new Promise((r) => setTimeout(r, 20));
    const backlog = lastDoneAt - backlogStart - enqueued;
    return [
      [kind, 'write (tx + audit row)', (raw / N).toFixed(2), (N / (raw / 1000)).toFixed(0), ''],
      [
        kind,
        'write + enqueueJob',
        (withJob / N).toFixed(2),
        (N / (withJob / 1000)).toFixed(0),
        `${(withJob / raw).toFixed(2)}× the write alone`,
      ],
      [
        kind,
        `${N} jobs run (first enqueue → last done)`,
        '',
        (N / (drained / 1000)).toFixed(0),
        `jobs/s, ${(drained / 1000).toFixed(1)} s, with the writes of both kinds`,
      ],
      [
        kind,
        `a backlog of ${N} jobs (one transaction) run`,
        '',
        (N / (backlog / 1000)).toFixed(0),
        `jobs/s after the commit, ${(backlog / 1000).toFixed(1)} s; 2 workers × batches of 10`,
      ],
    ];
  } finally {
    await app.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const rows: string[][] = [];
const dbName = `guanai_bench_jobs_${process.pid}`;
const admin = new pg.Client({ connectionString: serverUrl });
await admin.connect();
await admin.query(`create database ${dbName}`);
try {
  const url = new URL(serverUrl);
  url.pathname = `/${dbName}`;
  const database = await openDatabase({ url: url.toString(), poolSize: 10 });
  try {
    rows.push(...(await measure('PostgreSQL', database)));
  } finally {
    await database.close();
  }
} finally {
  await admin.query(`drop database if exists ${dbName} with (force)`);
  await admin.end();
}
done = 0;
const embedded = await openDatabase({});
try {
  rows.push(...(await measure('PGlite', embedded)));
} finally {
  await embedded.close();
}
printTable(`Durable jobs: ${N} writes, one writer, each in its own transaction`, rows, [
  'backend',
  'figure',
  'ms per write',
  'per second',
  'note',
]);
