import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

/**
 * The real server in a child process (server/db/durability-writer.ts), for tests that kill it: on a
 * PGlite folder, or on a throw-away database of the PostgreSQL at DATABASE_URL.
 */

const serverUrl = process.env.DATABASE_URL;

export type Cleanups = (() => Promise<void>)[];

/** A fresh place to write: a PGlite folder, or a throw-away database on the server. */
export async function freshTarget(cleanups: Cleanups, name: string): Promise<string> {
  if (!serverUrl) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `guanai-${name}-`));
    cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
    return path.join(dir, 'pgdata');
  }
  const db = `guanai_${name}_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${db}`);
  await admin.end();
  cleanups.push(async () => {
    const c = new pg.Client({ connectionString: serverUrl });
    await c.connect();
    await c.query(`drop database if exists ${db} with (force)`);
    await c.end();
  });
  const url = new URL(serverUrl);
  url.pathname = `/${db}`;
  return url.toString();
}

/** A folder for the server's key file, kept across restarts of one test. */
export function freshDataDir(cleanups: Cleanups): string {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guanai-server-data-'));
  cleanups.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
  return dataDir;
}

/** Starts the server on the target (seeded with the demo data when empty); resolves once it listens. */
export function startServer(
  target: string,
  dataDir: string,
  env: Record<string, string> = {},
): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(import.meta.dirname, '../db/durability-writer.ts'),
      target,
      dataDir,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } },
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

/** Resolves when the child has exited (at once if it already has). */
export function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) =>
    child.exitCode === null && !child.signalCode ? child.once('exit', () => resolve()) : resolve(),
  );
}

/** The session cookie of the demo administrator. */
export async function logInAsAdmin(base: string): Promise<string> {
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'Demo@2025' }),
  });
  if (login.status !== 200) throw new Error(`login answered ${login.status}`);
  return (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}
