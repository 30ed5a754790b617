import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { openDatabase, rows, type Database } from './client.ts';

const serverUrl = process.env.DATABASE_URL;
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups) await c();
});

/** A fresh place to write: a PGlite folder, or a throw-away database on the server. */
async function freshTarget(): Promise<string> {
  if (!serverUrl) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guanai-durability-'));
    cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
    return path.join(dir, 'pgdata');
  }
  const name = `guanai_durability_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  cleanups.push(async () => {
    const c = new pg.Client({ connectionString: serverUrl });
    await c.connect();
    await c.query(`drop database if exists ${name} with (force)`);
    await c.end();
  });
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Runs the writer until it has acknowledged `count` commits, then kills it with SIGKILL. */
function writeThenKill(target: string, count: number): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(import.meta.dirname, 'durability-writer.ts'), target],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const acked: number[] = [];
    let buffer = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      buffer += d.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) if (/^\d+$/.test(line)) acked.push(Number(line));
      if (acked.length >= count && !child.killed) child.kill('SIGKILL');
    });
    child.on('exit', (_code, signal) => {
      if (signal === 'SIGKILL') resolve(acked);
      else reject(new Error(`writer exited before the kill: ${stderr}`));
    });
  });
}

it('keeps every acknowledged write when the process is killed with SIGKILL mid-stream', async () => {
  const target = await freshTarget();
  const acked = await writeThenKill(target, 1500);
  expect(acked.length).toBeGreaterThanOrEqual(1500);

  const database: Database = target.startsWith('postgres')
    ? await openDatabase({ url: target })
    : await openDatabase({ dataDir: target });
  try {
    const found = await rows<{ id: number }>(database.db, sql`select id from durability_probe`);
    const present = new Set(found.map((r) => Number(r.id)));
    const lost = acked.filter((id) => !present.has(id));
    expect(lost).toEqual([]);
  } finally {
    await database.close();
  }
}, 120_000);
