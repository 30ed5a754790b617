import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { openDatabase, rows } from './client.ts';

/**
 * A write the server acknowledged to a client survives the server being killed with SIGKILL while
 * other writes are in flight: on PGlite (a data folder) and on PostgreSQL.
 */

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

function startServer(target: string): Promise<{ child: ChildProcess; base: string }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guanai-durability-data-'));
  cleanups.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(import.meta.dirname, 'durability-writer.ts'), target, dataDir],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const match = /listening (http:\/\/\S+)/.exec(out);
      if (match?.[1]) resolve({ child, base: match[1] });
    });
    child.on('exit', (code) =>
      reject(new Error(`server exited (${code}) before listening: ${err}`)),
    );
  });
}

it('keeps every write acknowledged over HTTP when the server is killed with SIGKILL mid-stream', async () => {
  const target = await freshTarget();
  const { child, base } = await startServer(target);
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'Demo@2025' }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  expect(login.status).toBe(200);

  // Eight clients keep creating organisations; each 201 is an acknowledged write.
  const acknowledged: string[] = [];
  let killed = false;
  const client = async (c: number) => {
    for (let i = 0; !killed; i++) {
      try {
        const res = await fetch(`${base}/api/organisations`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie },
          body: JSON.stringify({
            kind: 'provider',
            name: `耐久${c}-${i}`,
            divisionCode: '210104002000',
          }),
        });
        if (res.status === 201) acknowledged.push(((await res.json()) as { id: string }).id);
      } catch {
        return; // the connection died with the server: this write was never acknowledged
      }
      if (acknowledged.length >= 400 && !killed) {
        killed = true;
        child.kill('SIGKILL');
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, (_, c) => client(c)));
  await new Promise((resolve) =>
    child.exitCode === null && !child.signalCode ? child.once('exit', resolve) : resolve(null),
  );
  expect(child.signalCode).toBe('SIGKILL');
  expect(acknowledged.length).toBeGreaterThanOrEqual(400);

  const database = target.startsWith('postgres')
    ? await openDatabase({ url: target })
    : await openDatabase({ dataDir: target });
  try {
    const found = await rows<{ id: string }>(
      database.db,
      sql`select id from organisations where name like '耐久%'`,
    );
    const present = new Set(found.map((r) => r.id));
    expect(acknowledged.filter((id) => !present.has(id))).toEqual([]);
  } finally {
    await database.close();
  }
}, 120_000);
