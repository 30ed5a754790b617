/**
 * `npm run bench`: figures for the foundation on PostgreSQL (BENCH_DATABASE_URL, default the local
 * server) with city-scale synthetic accounts: login, an authenticated scoped list through the whole
 * stack, and the same list on raw Fastify + raw SQL, as ratios in one run. Not a timed test.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import pg from 'pg';
import { buildApp } from '../server/app.ts';
import { parseConfig } from '../server/config.ts';
import { migrateDatabase, openDatabase } from '../server/db/client.ts';
import { seedDemoData } from '../server/db/seed/demo.ts';
import { load } from './load.ts';
import { seedSyntheticCity } from './synthetic.ts';
import { figureRow, printTable, ratioRow } from './table.ts';

const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = `guanai_bench_${process.pid}`;
const admin = new pg.Client({ connectionString: serverUrl });
await admin.connect();
await admin.query(`create database ${dbName}`);
const url = new URL(serverUrl);
url.pathname = `/${dbName}`;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guanai-bench-'));
const config = parseConfig({
  DATA_DIR: dir,
  LOG_LEVEL: 'silent',
  PASSWORD_ITERATIONS: process.env.PASSWORD_ITERATIONS ?? '150000',
});
const database = await openDatabase({ url: url.toString(), poolSize: 10 });
const rawPool = new pg.Pool({ connectionString: url.toString(), max: 10 });
rawPool.on('error', () => undefined);
const rows: string[][] = [];
try {
  await migrateDatabase(database);
  const { app, ctx } = await buildApp({ database, config, serveWeb: false, logger: false });
  await seedDemoData(database.db, config, ctx.sensitive);
  const { users, inScope } = await seedSyntheticCity(database.db, 50_000);
  await rawPool.query('analyze');
  const base = await app.listen({ port: 0, host: '127.0.0.1' });

  const login = await load(`${base}/api/auth/login`, {
    total: 60,
    concurrency: 2,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'dabei', password: 'Demo@2025' }),
  });
  const signIn = async (username: string, password: string) => {
    const res = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  };
  // A district administrator of Dadong lists the accounts of the district.
  const created = await fetch(`${base}/api/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: await signIn('admin', 'Demo@2025') },
    body: JSON.stringify({
      username: 'benchadmin',
      displayName: '压测管理员',
      role: 'district_admin',
      divisionCode: '210104000000',
      password: 'Bench@2025x',
    }),
  });
  if (!created.ok) throw new Error(`creating the bench account failed: ${await created.text()}`);
  const cookie = await signIn('benchadmin', 'Bench@2025x');

  // The same scoped page of users, three ways: whole stack, raw Fastify + raw SQL.
  const listPath = '/api/users?page=1&pageSize=20';
  const probe = await fetch(`${base}${listPath}`, { headers: { cookie } });
  if (!probe.ok) throw new Error(`scoped list failed: ${probe.status} ${await probe.text()}`);
  const full = await load(`${base}${listPath}`, {
    total: 4000,
    concurrency: 20,
    headers: { cookie },
  });

  const raw = Fastify({ logger: false });
  raw.get('/raw/users', async () => {
    const [page, total] = await Promise.all([
      rawPool.query(
        `select u.id, u.username, u.display_name, u.role, u.division_code, d.name as division_name, o.name as organisation_name,
                u.phone_masked, u.disabled_at, u.locked_until, u.last_login_at
           from users u left join divisions d on d.code = u.division_code left join organisations o on o.id = u.organisation_id
          where u.division_code like $1 order by u.username limit 20 offset 0`,
        ['210104%'],
      ),
      rawPool.query(`select count(*)::int as n from users where division_code like $1`, [
        '210104%',
      ]),
    ]);
    return { items: page.rows, total: total.rows[0]?.n };
  });
  const rawBase = await raw.listen({ port: 0, host: '127.0.0.1' });
  const bare = await load(`${rawBase}/raw/users`, { total: 4000, concurrency: 20 });
  await raw.close();
  await app.close();

  rows.push(
    figureRow(`login (PBKDF2-SM3 ×${config.passwordIterations})`, login, 'concurrency 2'),
    figureRow(
      'scoped list GET /api/users (district admin)',
      full,
      `${users} users in the city, ${inScope} in scope; concurrency 20`,
    ),
    figureRow('raw Fastify + raw SQL, same list', bare, 'concurrency 20'),
    ratioRow(full, bare),
  );
} finally {
  await database.close();
  await rawPool.end();
  await admin.query(`drop database if exists ${dbName} with (force)`);
  await admin.end();
  fs.rmSync(dir, { recursive: true, force: true });
}

printTable(
  `Guanai foundation benchmark — PostgreSQL, Node ${process.version}, ${os.cpus().length} cores`,
  rows,
);
