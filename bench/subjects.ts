/**
 * `npm run bench:subjects` (and the second half of `npm run bench`): roster search at city scale on
 * PostgreSQL — 2.5 million synthetic subjects (BENCH_SUBJECTS to change), searched by ID number and
 * by name prefix through the whole stack with a logged-in session, and the same queries on raw
 * Fastify + raw SQL, as ratios in one run. BENCH_EXPLAIN=1 prints the plans of the raw queries.
 * Not a timed test.
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
import { and, eq, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { COUNT_CAP } from '../server/modules/subjects/contract.ts';
import { cappedCount, namePlan, pageIds } from '../server/modules/subjects/search.ts';
import { subjects } from '../server/modules/subjects/tables.ts';
import { codesUnder } from '../server/modules/divisions/service.ts';
import { load } from './load.ts';
import { fillSubjects, type SubjectFill } from './synthetic-subjects.ts';
import { seedSyntheticCity } from './synthetic.ts';
import { figureRow, printTable, ratioRow } from './table.ts';

const count = Number(process.env.BENCH_SUBJECTS ?? 2_500_000);
const explain = process.env.BENCH_EXPLAIN === '1';
/** Seconds of each measured run (and of its warm-up): slow queries get fewer requests. */
const runSeconds = Number(process.env.BENCH_SECONDS ?? 12);
const warmSeconds = 2;
const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/**
 * BENCH_KEEP=1 keeps the filled database (and the data folder with its keys) for the next run with
 * BENCH_KEEP=1, which then skips the fill: for working on the queries. BENCH_ONLY=<text> runs only
 * the searches whose description contains it.
 */
const keep = process.env.BENCH_KEEP === '1';
const only = process.env.BENCH_ONLY;
const dbName = keep
  ? `guanai_bench_subjects_kept_${count}`
  : `guanai_bench_subjects_${process.pid}`;
const admin = new pg.Client({ connectionString: serverUrl });
await admin.connect();
const { rowCount: kept } = await admin.query(`select 1 from pg_database where datname = $1`, [
  dbName,
]);
if (!kept) await admin.query(`create database ${dbName}`);
const url = new URL(serverUrl);
url.pathname = `/${dbName}`;

const dir = keep
  ? path.join(os.tmpdir(), dbName)
  : fs.mkdtempSync(path.join(os.tmpdir(), 'guanai-bench-'));
fs.mkdirSync(dir, { recursive: true });
const config = parseConfig({
  DATA_DIR: dir,
  LOG_LEVEL: 'silent',
  PASSWORD_ITERATIONS: process.env.PASSWORD_ITERATIONS ?? '150000',
});
const database = await openDatabase({ url: url.toString(), poolSize: 10 });
const rawPool = new pg.Pool({ connectionString: url.toString(), max: 10 });
rawPool.on('error', () => undefined);
const rows: string[][] = [];
let title = '';
try {
  const { rows: saved } = kept
    ? await rawPool.query<{ fill: SubjectFill }>(`select fill from bench_fill`)
    : { rows: [] };
  await migrateDatabase(database);
  const { app, ctx } = await buildApp({ database, config, serveWeb: false, logger: false });
  let fill: SubjectFill;
  if (saved[0]) {
    const { idNumbers, ...rest } = saved[0].fill as SubjectFill & { idNumbers: object };
    fill = { ...rest, idNumbers: new Map(Object.entries(idNumbers)) };
    console.log(`reusing ${fill.subjects} subjects in ${dbName}`);
  } else {
    await seedDemoData(database.db, config, ctx.sensitive);
    await seedSyntheticCity(database.db, 0); // the other twelve districts' divisions, no accounts
    console.log(`filling ${count} subjects …`);
    fill = await fillSubjects(rawPool, ctx.sensitive, { count, log: console.log });
    if (keep) {
      await rawPool.query(`create table bench_fill (fill jsonb not null)`);
      const idNumbers = Object.fromEntries(fill.idNumbers);
      await rawPool.query(`insert into bench_fill values ($1)`, [{ ...fill, idNumbers }]);
    }
  }
  const base = await app.listen({ port: 0, host: '127.0.0.1' });

  const signIn = async (username: string) => {
    const res = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: 'Demo@2025' }),
    });
    if (!res.ok) throw new Error(`login of ${username} failed: ${await res.text()}`);
    return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  };
  // The demo accounts of Dadong's district, one street and one community, and the city-wide
  // administrator (ID numbers are sampled per district: the street and community search by name).
  const actors = [
    { who: 'district officer (dadong)', scope: '210104', cookie: await signIn('dadong') },
    { who: 'street officer (dabei)', scope: '210104002', cookie: await signIn('dabei') },
    { who: 'community worker', scope: '210104002001', cookie: await signIn('community1') },
    { who: 'admin (city-wide)', scope: '', cookie: await signIn('admin') },
  ];
  const { rows: inDadong } = await rawPool.query<{ n: number }>(
    `select count(*)::int as n from subjects where division_code like '210104%'`,
  );

  // The raw equivalent: the very SQL of the app's search plans (subjects/search.ts), rendered once
  // by drizzle's dialect and run on a bare pg.Pool: the ratio is the cost of the stack around it.
  const dialect = new PgDialect();
  const rawQueries = (scope: string, q: string | undefined, idNumber: string | undefined) => {
    const scale = scope.length >= 12 ? 'small' : scope.length === 9 ? 'street' : 'wide';
    const plan = namePlan(q, scale);
    const where = and(
      eq(subjects.status, 'active'),
      scope ? sql`${subjects.divisionCode} like ${scope + '%'}` : undefined,
      plan.byDivision ? sql`${subjects.divisionCode} in (${codesUnder(scope)})` : undefined,
      idNumber ? eq(subjects.idNumberHash, ctx.sensitive.lookupHash(idNumber)) : undefined,
    );
    const page = dialect.sqlToQuery(
      sql`select s.id, s.household_id, s.kind, s.name, s.sex, s.birth_date, s.id_number_masked,
            s.mobile_masked, s.landline_masked, s.division_code, h.address_masked, s.care_level,
            s.consent, s.status, s.version,
            coalesce((select array_agg(c.category order by c.created_at) from subject_categories c
              where c.subject_id = s.id and c.valid_to is null), '{}') as categories,
            (${cappedCount(plan, where, scope.length >= 12 ? COUNT_CAP.narrow : COUNT_CAP.wide)}) as total
          from subjects s inner join households h on h.id = s.household_id
          where s.id in (${pageIds(plan, where, 20, 0)}) order by s.name_pinyin, s.name, s.id`,
    );
    return { page: page.sql, params: page.params };
  };
  const raw = Fastify({ logger: false });
  const answer = async (scope: string, q?: string, idNumber?: string) => {
    const r = rawQueries(scope, q, idNumber);
    const found = await rawPool.query<{ id: string; total: number }>(r.page, r.params);
    const cap = scope.length >= 12 ? COUNT_CAP.narrow : COUNT_CAP.wide;
    return { items: found.rows, total: Math.min(found.rows[0]?.total ?? 0, cap) };
  };
  raw.get<{ Querystring: { scope?: string; q?: string } }>('/raw/subjects', (req) =>
    answer(req.query.scope ?? '', req.query.q),
  );
  raw.post<{ Querystring: { scope?: string }; Body: { idNumber: string } }>(
    '/raw/subjects/search',
    (req) => answer(req.query.scope ?? '', undefined, req.body.idNumber),
  );
  const rawBase = await raw.listen({ port: 0, host: '127.0.0.1' });

  const ids = (scope: string) =>
    scope ? (fill.idNumbers.get(scope) ?? []) : [...fill.idNumbers.values()].flat();
  // Each search rotates over its queries (or over ID numbers of the actor's scope).
  const searches: { what: string; qs?: string[] }[] = [
    { what: 'ID number, POST /api/subjects/search' },
    { what: '2-character name, GET /api/subjects?q=', qs: ['张伟', '王秀', '李淑', '刘桂', '陈玉', '杨建', '赵国', '孙凤'] }, // prettier-ignore
    { what: '3-character name, GET /api/subjects?q=', qs: ['王秀英', '张桂兰', '李淑珍', '刘玉兰', '陈建国', '杨秀珍'] }, // prettier-ignore
    { what: '1-character surname, GET /api/subjects?q=', qs: ['王', '李', '张', '刘'] },
    { what: 'pinyin initials, GET /api/subjects?q=', qs: ['zs', 'wxy', 'lgl', 'zjg', 'ly', 'wsz', 'cgh', 'lx'] }, // prettier-ignore
    { what: 'full pinyin, GET /api/subjects?q=', qs: ['zhang', 'wangxiu', 'liguil', 'chen', 'zh', 'lv'] }, // prettier-ignore
    { what: 'no filter: first page, GET /api/subjects', qs: [''] },
  ];
  const plans: string[] = [];
  for (const actor of actors) {
    for (const s of searches) {
      if (only && !s.what.includes(only)) continue;
      const idList = s.qs ? undefined : ids(actor.scope);
      if (idList?.length === 0) continue;
      const idAt = (i: number) => idList?.[(i * 7919) % idList.length];
      const qAt = (i: number) => s.qs?.[i % s.qs.length];
      const query = (i: number) => (qAt(i) ? `?q=${encodeURIComponent(qAt(i) ?? '')}` : '');
      const fullRequest = (i: number): [string, RequestInit] =>
        idList
          ? [
              `${base}/api/subjects/search`,
              {
                method: 'POST',
                headers: { 'content-type': 'application/json', cookie: actor.cookie },
                body: JSON.stringify({ idNumber: idAt(i) }),
              },
            ]
          : [`${base}/api/subjects${query(i)}`, { headers: { cookie: actor.cookie } }];

      // The same answers both ways (and something found), before measuring.
      const totals: number[] = [];
      for (let i = 0; i < (s.qs?.length ?? 3); i++) {
        const res = await fetch(...fullRequest(i));
        const body = (await res.json()) as {
          total: number;
          totalCapped: boolean;
          items: { id: string }[];
        };
        const bare = await answer(actor.scope, qAt(i), idAt(i));
        if (!res.ok || body.total !== bare.total || body.items[0]?.id !== bare.items[0]?.id)
          throw new Error(`${s.what}, ${actor.who}: ${res.status} ${JSON.stringify(body)}`);
        totals.push(body.totalCapped ? body.total + 0.5 : body.total);
      }
      if (Math.max(...totals) === 0) throw new Error(`${s.what}, ${actor.who}: nothing found`);
      if (explain) {
        const r = rawQueries(actor.scope, qAt(0), idAt(0));
        const { rows: plan } = await rawPool.query<{ 'QUERY PLAN': string }>(
          `explain (analyze, buffers) ${r.page}`,
          r.params,
        );
        const what = idList ? 'an ID number' : `q=${qAt(0) ?? ''}`;
        plans.push(`-- ${s.what}, ${actor.who}, ${what}`);
        plans.push(...plan.map((p) => p['QUERY PLAN']), '');
      }

      const send = async (target: 'full' | 'raw', seconds: number, concurrency = 20) => {
        const common = { total: 100_000, concurrency, maxSeconds: seconds };
        const scope = `scope=${actor.scope}`;
        const cpu = process.cpuUsage();
        const load1 = os.loadavg()[0] ?? 0;
        const result = await (target === 'full'
          ? idList
            ? load(`${base}/api/subjects/search`, {
                ...common,
                method: 'POST',
                headers: { 'content-type': 'application/json', cookie: actor.cookie },
                body: (i) => JSON.stringify({ idNumber: idAt(i) }),
              })
            : load((i) => `${base}/api/subjects${query(i)}`, {
                ...common,
                headers: { cookie: actor.cookie },
              })
          : idList
            ? load(`${rawBase}/raw/subjects/search?${scope}`, {
                ...common,
                method: 'POST',
                headers: { 'content-type': 'application/json' },
                body: (i) => JSON.stringify({ idNumber: idAt(i) }),
              })
            : load((i) => `${rawBase}/raw/subjects${query(i) || '?'}&${scope}`, common));
        const used = process.cpuUsage(cpu);
        const nodeMs = (used.user + used.system) / 1000 / Math.max(1, result.requests);
        return { result, note: `Node ${nodeMs.toFixed(1)} ms CPU/req, load ${load1.toFixed(1)}` };
      };
      await send('full', warmSeconds, 4);
      const full = await send('full', runSeconds);
      await send('raw', warmSeconds, 4);
      const bare = await send('raw', runSeconds);
      // A capped total was noted as cap + 0.5: "more than the cap".
      const [lo, hi] = [Math.min(...totals), Math.max(...totals)].map((n) =>
        Number.isInteger(n) ? `${n}` : `>${n - 0.5}`,
      );
      const matches = lo === hi ? lo : `${lo}–${hi}`;
      const label = idList
        ? 'a different ID number each request'
        : s.qs?.[0]
          ? `q ∈ {${s.qs.join(' ')}}`
          : 'the scope only';
      rows.push(
        figureRow(
          `${s.what} — ${actor.who}`,
          full.result,
          `${label}; matches ${matches}; ${full.note}`,
        ),
        figureRow('  raw Fastify + raw SQL, same query', bare.result, bare.note),
        ratioRow(full.result, bare.result, '  ratio full / raw'),
      );
      console.log(
        `  ${s.what} — ${actor.who}: p95 ${full.result.p95.toFixed(1)} ms, raw ${bare.result.p95.toFixed(1)} ms`,
      );
    }
  }
  await raw.close();
  await app.close();
  if (plans.length > 0)
    console.log(`\nEXPLAIN (ANALYZE, BUFFERS) of the raw queries\n\n${plans.join('\n')}`);
  const phases = Object.entries(fill.phases).map(([k, v]) => `${k} ${v.toFixed(0)} s`);
  title = [
    `Guanai roster search benchmark — PostgreSQL, Node ${process.version}, ${os.cpus().length} cores, concurrency 20; target p95 ≤ 50 ms`,
    `${fill.subjects} subjects (${inDadong[0]?.n ?? 0} in Dadong) in ${fill.households} households, ${fill.categories} categories, ${fill.distinctNames} distinct names`,
    `filled in ${fill.seconds.toFixed(0)} s (${phases.join('; ')})`,
    `load: the machine's 1-minute load average as a run began; Node CPU: this process (client and server) per request`,
  ].join('\n');
} finally {
  await database.close();
  await rawPool.end();
  if (!keep) {
    await admin.query(`drop database if exists ${dbName} with (force)`);
    fs.rmSync(dir, { recursive: true, force: true });
  }
  await admin.end();
}

printTable(title, rows);
