/**
 * `npm run bench:import`: a 100,000-row roster file uploaded to POST /api/subjects/import on
 * PostgreSQL, end to end (multipart upload, streaming read, every row checked, all rows written
 * into the street rounds in one transaction), against a raw multi-row INSERT of the same rows into
 * a table of the same shape, in the same run. Not a timed test.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { buildApp } from '../server/app.ts';
import { parseConfig } from '../server/config.ts';
import { migrateDatabase, openDatabase } from '../server/db/client.ts';
import { seedDemoData } from '../server/db/seed/demo.ts';
import { maskIdNumber } from '../server/platform/sensitive/sensitive.ts';
import { benchRows, benchWorkbook, demoCommunities } from './roster-file.ts';
import { printTable } from './table.ts';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = `guanai_bench_import_${process.pid}`;
const admin = new pg.Client({ connectionString: serverUrl });
await admin.connect();
await admin.query(`create database ${dbName}`);
const url = new URL(serverUrl);
url.pathname = `/${dbName}`;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guanai-bench-'));
const config = parseConfig({
  DATA_DIR: dir,
  LOG_LEVEL: 'silent',
  PASSWORD_ITERATIONS: '1000',
  IMPORT_MAX_MB: '200',
});
const database = await openDatabase({ url: url.toString(), poolSize: 10 });
const seconds = (ms: number) => (ms / 1000).toFixed(1);

const lines: string[][] = [];
try {
  await migrateDatabase(database);
  const { app, ctx } = await buildApp({ database, config, serveWeb: false, logger: false });
  await seedDemoData(database.db, config, ctx.sensitive);
  const rows = benchRows(ROWS, demoCommunities());
  if (new Set(rows.map((r) => r.id)).size !== rows.length)
    throw new Error('synthetic ID numbers collide');
  const file = await benchWorkbook(rows);
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'org1', password: 'Demo@2025' }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const upload = async (dryRun: boolean) => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(file)]), 'roster.xlsx');
    const t0 = performance.now();
    const res = await fetch(
      `${base}/api/subjects/import?month=2099-01${dryRun ? '&dryRun=true' : ''}`,
      {
        method: 'POST',
        headers: { cookie, 'idempotency-key': crypto.randomUUID() },
        body: form,
      },
    );
    const body = (await res.json()) as {
      accepted?: number;
      rejected?: unknown[];
      committed?: boolean;
      error?: unknown;
    };
    const ms = performance.now() - t0;
    if (!res.ok || body.accepted !== ROWS || (body.rejected?.length ?? 0) > 0)
      throw new Error(`import failed: ${res.status} ${JSON.stringify(body).slice(0, 400)}`);
    return { ms, body };
  };
  const dry = await upload(true);
  const real = await upload(false);
  await app.close();

  // The same rows, as the raw baseline: multi-row INSERTs of 1,000 into a table of the same shape.
  const pool = new pg.Pool({ connectionString: url.toString(), max: 2 });
  await pool.query('create table raw_entries (like roster_entries including defaults)');
  const t0 = performance.now();
  const client = await pool.connect();
  await client.query('begin');
  const round = crypto.randomUUID();
  for (let i = 0; i < rows.length; i += 1000) {
    const batch = rows.slice(i, i + 1000);
    const values: unknown[] = [];
    const tuples = batch.map((r, k) => {
      values.push(
        round,
        r.community,
        'add',
        ctx.sensitive.lookupHash(r.id),
        maskIdNumber(r.id),
        r.name,
        'elder',
        ctx.sensitive.encrypt(JSON.stringify(r)),
        '[]',
        i + k + 2,
      );
      const o = k * 10;
      return `($${o + 1}, $${o + 2}, $${o + 3}, $${o + 4}, $${o + 5}, $${o + 6}, $${o + 7}, $${o + 8}, $${o + 9}::jsonb, $${o + 10})`;
    });
    await client.query(
      `insert into raw_entries (round_id, division_code, action, id_number_hash, id_number_masked, name, kind, payload_cipher, changes, row_number) values ${tuples.join(', ')}`,
      values,
    );
  }
  await client.query('commit');
  client.release();
  const rawMs = performance.now() - t0;
  await pool.end();

  lines.push(
    [
      'file',
      `${ROWS.toLocaleString('en')} rows, ${(file.length / 1024 / 1024).toFixed(1)} MB`,
      '',
      '',
    ],
    [
      'dry run (POST …/import?dryRun=true)',
      seconds(dry.ms),
      '',
      'read + check every row, writes nothing',
    ],
    [
      'import, end to end (POST …/import)',
      seconds(real.ms),
      '',
      'read + check + write the rounds in one transaction',
    ],
    [
      'raw multi-row INSERT of the same rows',
      seconds(rawMs),
      '',
      'hash + seal each row, batches of 1,000, one transaction',
    ],
    ['ratio import / raw insert', `${(real.ms / rawMs).toFixed(1)}×`, '', ''],
  );
} finally {
  await database.close();
  await admin.query(`drop database if exists ${dbName} with (force)`);
  await admin.end();
  fs.rmSync(dir, { recursive: true, force: true });
}
printTable(
  `Roster import — PostgreSQL, Node ${process.version}, ${os.cpus().length} cores`,
  lines,
  ['figure', 'seconds', '', 'note'],
);
