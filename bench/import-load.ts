/**
 * `npm run bench:import-load` (issue 8 item 7): what a big upload costs the server while it runs.
 * The real server in a child process (PostgreSQL at BENCH_DATABASE_URL, or PGlite with
 * BENCH_PGLITE=1), seeded with the demo data; for each upload — a 100,000-row dry run (the row
 * limit), a 200,000-row file (refused) and a zip bomb (a few MB inflating to 1.2 GB, refused) —
 * its time, the server's peak RSS (VmHWM, reset before each) and the latency of GET /api/health
 * sent every 50 ms while it runs (p50 / p95 / max). Not a timed test.
 */
import fs from 'node:fs';
import os from 'node:os';
import type { Cleanups } from '../server/test/server-process.ts';
import { rosterRow, rosterWorkbook } from '../server/test/roster-support.ts';
import { zipBomb } from '../server/test/zip-bomb.ts';
import { benchRows, benchWorkbook, demoCommunities } from './roster-file.ts';
import { printTable } from './table.ts';

const LIMIT = 100_000;
const pglite = process.env.BENCH_PGLITE === '1';
if (!pglite)
  process.env.DATABASE_URL =
    process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
if (pglite) delete process.env.DATABASE_URL;

// server-process.ts reads DATABASE_URL when it loads: after it is set
const { freshDataDir, freshTarget, startServer } = await import('../server/test/server-process.ts');

const MB = 1024 * 1024;
const status = (pid: number, field: string) => {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(
    fs.readFileSync(`/proc/${pid}/status`, 'utf8'),
  );
  return Number(m?.[1] ?? 0) * 1024;
};
const quantile = (sorted: number[], q: number) =>
  sorted.length ? (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0) : 0;

const cleanups: Cleanups = [];
const lines: string[][] = [];
try {
  const communities = demoCommunities();
  const t0 = performance.now();
  const files = {
    limit: await benchWorkbook(benchRows(LIMIT, communities)),
    double: await benchWorkbook(benchRows(2 * LIMIT, communities)),
    bomb: await zipBomb(await rosterWorkbook([rosterRow(communities[0] as string)]), {
      inflatedBytes: 1.2e9,
    }),
  };
  console.log(`files made in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const target = await freshTarget(cleanups, 'bench_import_load');
  const { child, base } = await startServer(target, freshDataDir(cleanups));
  cleanups.unshift(async () => void child.kill('SIGKILL'));
  const pid = child.pid as number;
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'org1', password: 'Demo@2025' }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';

  /** Health every 50 ms (each sent on its tick, not after the previous answer) while `work` runs. */
  async function measured<T>(work: () => Promise<T>) {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, '5'); // resets VmHWM to the current RSS
    const before = status(pid, 'VmRSS');
    const latencies: Promise<number>[] = [];
    const tick = setInterval(() => {
      const at = performance.now();
      latencies.push(
        fetch(`${base}/api/health`).then(async (r) => {
          await r.arrayBuffer();
          return performance.now() - at;
        }),
      );
    }, 50);
    const started = performance.now();
    const result = await work();
    const ms = performance.now() - started;
    clearInterval(tick);
    const health = (await Promise.all(latencies)).sort((a, b) => a - b);
    return { result, ms, before, peak: status(pid, 'VmHWM'), health };
  }
  const upload = async (file: Buffer) => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(file)]), 'roster.xlsx');
    const res = await fetch(`${base}/api/subjects/import?month=2099-01&dryRun=true`, {
      method: 'POST',
      headers: { cookie, 'idempotency-key': crypto.randomUUID() },
      body: form,
    });
    const body = (await res.json()) as {
      accepted?: number;
      rejected?: unknown[];
      error?: { code: string };
    };
    return `${res.status} ${body.error ? body.error.code : `accepted ${body.accepted}, rejected ${body.rejected?.length}`}`;
  };
  const idle = await measured(() => new Promise((r) => setTimeout(r, 2000)));
  const cases: [string, Buffer][] = [
    [`${LIMIT.toLocaleString('en')} rows, dry run`, files.limit],
    [`${(2 * LIMIT).toLocaleString('en')} rows (over the limit)`, files.double],
    ['zip bomb (inflates to 1.2 GB)', files.bomb],
  ];
  const row = (name: string, size: string, m: Awaited<ReturnType<typeof measured<string>>>) => [
    name,
    size,
    m.result,
    (m.ms / 1000).toFixed(1),
    `${Math.round(m.before / MB)} → ${Math.round(m.peak / MB)}`,
    String(m.health.length),
    quantile(m.health, 0.5).toFixed(0),
    quantile(m.health, 0.95).toFixed(0),
    (m.health.at(-1) ?? 0).toFixed(0),
  ];
  lines.push(row('idle (2 s)', '', { ...idle, result: '' }));
  for (const [name, file] of cases) {
    const m = await measured(() => upload(file));
    lines.push(row(name, `${(file.length / MB).toFixed(1)} MB`, m));
  }
} finally {
  for (const c of cleanups) await c().catch(() => undefined);
}
printTable(
  `Big uploads and the server meanwhile — ${pglite ? 'PGlite' : 'PostgreSQL'}, Node ${process.version}, ${os.cpus().length} cores`,
  lines,
  ['upload', 'file', 'answer', 's', 'RSS MB (peak)', 'health n', 'p50 ms', 'p95 ms', 'max ms'],
);
process.exit(0);
