/**
 * `npm run bench:events`: live push with 200 open streams. A committed write (publishEvent in a
 * transaction of another app process's pool) → the event read from each of 200 event streams of
 * street officers of the street, over real HTTP connections; the figure is commit → received, per
 * stream and event. Beside it the raw PostgreSQL NOTIFY round trip (commit of pg_notify → the
 * listening client has it), the floor under the whole path. On PostgreSQL (BENCH_DATABASE_URL,
 * default the local server), then on PGlite in-process (BENCH_PGLITE=0 skips it). Not a timed test.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { buildApp } from '../server/app.ts';
import { parseConfig } from '../server/config.ts';
import { migrateDatabase, openDatabase, type Database, type Db } from '../server/db/client.ts';
import { publishEvent } from '../server/platform/events/publish.ts';
import { makeStreet, makeUser } from '../server/test/factories.ts';
import '../server/routes.ts'; // declares the event types of the modules' contracts
import { printTable } from './table.ts';

const STREAMS = Number(process.env.BENCH_STREAMS ?? 200);
const WRITES = Number(process.env.BENCH_WRITES ?? 100);
const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

function figures(name: string, samples: number[], note: string): string[] {
  const s = [...samples].sort((a, b) => a - b);
  return [
    name,
    String(s.length),
    percentile(s, 50).toFixed(1),
    percentile(s, 95).toFixed(1),
    percentile(s, 99).toFixed(1),
    (s.at(-1) ?? NaN).toFixed(1),
    note,
  ];
}

/** Opens an event stream and records when each event id arrives; resolves once it is live. */
async function openStream(base: string, cookie: string, arrived: Map<number, number[]>) {
  const abort = new AbortController();
  const res = await fetch(`${base}/api/events`, {
    headers: { accept: 'text/event-stream', cookie },
    signal: abort.signal,
  });
  if (res.status !== 200 || !res.body) throw new Error(`stream refused: ${res.status}`);
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let ready!: () => void;
  const live = new Promise<void>((resolve) => (ready = resolve));
  void (async () => {
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        const now = performance.now();
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (block.includes('event: ready')) ready();
          else {
            const id = /^id: (\d+)$/m.exec(block)?.[1];
            if (id) arrived.get(Number(id))?.push(now);
          }
        }
      }
    } catch {
      // closed at the end
    }
  })();
  await live;
  return () => abort.abort();
}

async function measure(database: Database, writer: Db, label: string): Promise<string[][]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guanai-bench-events-'));
  const config = parseConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent', PASSWORD_ITERATIONS: '1000' });
  const { app } = await buildApp({ database, config, serveWeb: false, logger: false });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const street = await makeStreet(database.db);
  const cookies: string[] = [];
  for (let i = 0; i < STREAMS; i++) {
    const user = await makeUser(database.db, { role: 'street_officer', divisionCode: street.code });
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: user.username, password: user.password }),
    });
    cookies.push((login.headers.get('set-cookie') ?? '').split(';')[0] ?? '');
  }
  const arrived = new Map<number, number[]>();
  const closers = await Promise.all(cookies.map((c) => openStream(base, c, arrived)));

  const samples: number[] = [];
  const lastOfEach: number[] = [];
  for (let i = 0; i < WRITES; i++) {
    // the id is known only at commit; arrivals before the map entry exists cannot happen (NOTIFY
    // is delivered after the commit, and this loop registers the id right after it)
    let id = 0;
    const committed = await writer
      .transaction(async (tx) => {
        id = await publishEvent(tx, {
          type: 'roster_round.submitted',
          divisionCode: street.code,
          permission: 'roster.review',
          entity: 'roster_round',
          entityId: crypto.randomUUID(),
        });
        arrived.set(id, []);
      })
      .then(() => performance.now());
    const deadline = Date.now() + 5000;
    while ((arrived.get(id)?.length ?? 0) < STREAMS && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 2));
    const times = arrived.get(id) ?? [];
    if (times.length < STREAMS) throw new Error(`event ${id}: ${times.length}/${STREAMS} streams`);
    for (const t of times) samples.push(t - committed);
    lastOfEach.push(Math.max(...times) - committed);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  for (const close of closers) close();
  await app.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return [
    figures(
      `${label}: commit → event in a stream`,
      samples,
      `${STREAMS} streams × ${WRITES} writes`,
    ),
    figures(`${label}: commit → event in the last of ${STREAMS}`, lastOfEach, 'per write'),
  ];
}

/** pg_notify sent (and committed, autocommit) on one connection → the LISTENing one has it. */
async function notifyRoundTrip(url: string): Promise<string[]> {
  const listener = new pg.Client({ connectionString: url });
  const sender = new pg.Client({ connectionString: url });
  await listener.connect();
  await sender.connect();
  await listener.query('LISTEN bench_rt');
  const samples: number[] = [];
  for (let i = 0; i < WRITES; i++) {
    const got = new Promise<number>((resolve) =>
      listener.once('notification', () => resolve(performance.now())),
    );
    // from before the statement: the listener may have it before the sender's answer arrives
    const sent = performance.now();
    await sender.query("select pg_notify('bench_rt', 'x')");
    samples.push((await got) - sent);
  }
  await listener.end();
  await sender.end();
  return figures(
    'PostgreSQL: NOTIFY round trip alone',
    samples,
    'statement sent → listener, raw pg',
  );
}

const rows: string[][] = [];
const dbName = `guanai_bench_events_${process.pid}`;
const admin = new pg.Client({ connectionString: serverUrl });
await admin.connect();
await admin.query(`create database ${dbName}`);
const url = new URL(serverUrl);
url.pathname = `/${dbName}`;
try {
  const database = await openDatabase({ url: url.toString(), poolSize: 10 });
  // the writes come from a second pool: another app process on the same database
  const writer = await openDatabase({ url: url.toString(), poolSize: 2 });
  await migrateDatabase(database);
  rows.push(...(await measure(database, writer.db, 'PostgreSQL')));
  rows.push(await notifyRoundTrip(url.toString()));
  await writer.close();
  await database.close();
} finally {
  await admin.query(`drop database if exists ${dbName} with (force)`);
  await admin.end();
}
if (process.env.BENCH_PGLITE !== '0') {
  const database = await openDatabase({});
  await migrateDatabase(database);
  rows.push(...(await measure(database, database.db, 'PGlite')));
  await database.close();
}
printTable(`Live events (${STREAMS} open streams, ${os.cpus().length} cores)`, rows, [
  'figure',
  'samples',
  'p50 ms',
  'p95 ms',
  'p99 ms',
  'max ms',
  'note',
]);
