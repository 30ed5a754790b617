import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';

/**
 * A schedule is a singleton however many processes run: two app processes (two Node children, each
 * with its own pools and its own pg-boss cron pass every 2 s) on one PostgreSQL database run an
 * every-minute job once per minute. PostgreSQL only: PGlite is one process's embedded database.
 */

const serverUrl = process.env.DATABASE_URL;
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

async function adminQuery(text: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(text);
  } finally {
    await admin.end();
  }
}

function startProcess(url: string): Promise<ChildProcess> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guanai-schedule-'));
  cleanups.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(import.meta.dirname, 'schedule-process.ts'), url, dataDir],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  cleanups.push(async () => {
    if (child.exitCode !== null || child.signalCode) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  });
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout?.on('data', (d: Buffer) => {
      if (d.toString().includes('ready')) resolve(child);
    });
    child.on('exit', (code) => reject(new Error(`process exited (${code}) before ready: ${err}`)));
  });
}

// Skipped on PGlite, on purpose: an embedded database belongs to one process, so two processes
// cannot share it; CI runs this file again on PostgreSQL (.ci/run), where it must pass.
it.skipIf(!serverUrl)(
  'runs a scheduled job once per occurrence with two app processes on one database',
  async () => {
    const name = `guanai_schedule_${process.pid}_${Date.now()}`;
    await adminQuery(`create database ${name}`);
    cleanups.push(() => adminQuery(`drop database if exists ${name} with (force)`));
    const url = new URL(serverUrl ?? '');
    url.pathname = `/${name}`;
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    cleanups.push(() => client.end());
    await client.query(
      'create table job_ticks (pid int not null, job_id uuid not null, at timestamptz not null default now())',
    );

    // Both start at once: migrations and pg-boss's schema install under their advisory locks.
    const children = await Promise.all([
      startProcess(url.toString()),
      startProcess(url.toString()),
    ]);
    expect(new Set(children.map((c) => c.pid)).size).toBe(2);

    const ticks = async () =>
      (await client.query<{ pid: number; job_id: string }>('select pid, job_id from job_ticks'))
        .rows;
    // The next whole minute (Asia/Shanghai and UTC agree on minutes) is at most 60 s away.
    await expect.poll(ticks, { timeout: 80_000, interval: 500 }).not.toHaveLength(0);
    // Several cron passes of both processes later, each occurrence has still run once. The wait
    // may take in the next minute's occurrence too (or, on a loaded machine, one caught up): so
    // the ticks are counted against the occurrences due by now that pg-boss filed (one forwarding
    // job per minute slot, whichever process's pass filed it; a pass files the next one ahead):
    // never more runs than occurrences, never against a fixed 1.
    await new Promise((resolve) => setTimeout(resolve, 6000));
    const after = await ticks();
    const [filed] = (
      await client.query<{ n: number }>(
        `select count(distinct data->>'slot')::int as n from pgboss.job
          where name = '__pgboss__send-it' and data->>'name' = 'test.tick'
            and (data->>'slot')::timestamp <= now() at time zone 'UTC'`,
      )
    ).rows;
    expect(filed?.n).toBeGreaterThanOrEqual(1);
    expect(after.length).toBeLessThanOrEqual(filed?.n ?? 0);
    expect(new Set(after.map((a) => a.job_id)).size).toBe(after.length);
    for (const tick of after) expect(children.map((c) => c.pid)).toContain(tick.pid);
  },
  120_000,
);
