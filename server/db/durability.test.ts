import { sql } from 'drizzle-orm';
import { afterAll, expect, it } from 'vitest';
import {
  exited,
  freshDataDir,
  freshTarget,
  logInAsAdmin,
  startServer,
  type Cleanups,
} from '../test/server-process.ts';
import { openDatabase, rows } from './client.ts';

/**
 * A write the server acknowledged to a client survives the server being killed with SIGKILL while
 * other writes are in flight; a keyed write whose answer the kill lost is answered, once, on the
 * retry (docs/adr/0006). On PGlite (a data folder) and on PostgreSQL. The tests run one after the
 * other on one database (seeded by the first server; each test's rows are its own), as each start of
 * an embedded server costs a loaded machine half a minute.
 */

const cleanups: Cleanups = [];
afterAll(async () => {
  for (const c of cleanups) await c();
});
let shared: Promise<{ target: string; dataDir: string }> | null = null;
const place = () =>
  (shared ??= freshTarget(cleanups, 'durability').then((target) => ({
    target,
    dataDir: freshDataDir(cleanups),
  })));
const reopen = (target: string) =>
  target.startsWith('postgres') ? openDatabase({ url: target }) : openDatabase({ dataDir: target });

it('keeps every write acknowledged over HTTP when the server is killed with SIGKILL mid-stream', async () => {
  const { target, dataDir } = await place();
  const { child, base } = await startServer(target, dataDir);
  const cookie = await logInAsAdmin(base);

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
  await exited(child);
  expect(child.signalCode).toBe('SIGKILL');
  expect(acknowledged.length).toBeGreaterThanOrEqual(400);

  const database = await reopen(target);
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

it('answers a keyed create retried after a crash between its commit and its answer with the stored answer, and writes one row', async () => {
  const { target, dataDir } = await place();
  const name = '崩溃后重试的机构';
  const create = (base: string, cookie: string, body: Record<string, unknown>) =>
    fetch(`${base}/api/organisations`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        cookie,
        'idempotency-key': 'crash-retry-key-1',
      },
      body: JSON.stringify({ kind: 'provider', divisionCode: '210104002000', ...body }),
    });

  const crashing = await startServer(target, dataDir, { KILL_AFTER_IDEMPOTENT_COMMIT: '1' });
  const lost = await create(crashing.base, await logInAsAdmin(crashing.base), { name }).then(
    (res) => res.status,
    () => 'no answer' as const,
  );
  await exited(crashing.child);
  expect(lost).toBe('no answer');
  expect(crashing.child.signalCode).toBe('SIGKILL');

  const server = await startServer(target, dataDir);
  try {
    const cookie = await logInAsAdmin(server.base);
    const retry = await create(server.base, cookie, { name });
    expect(retry.status).toBe(201);
    const answer = (await retry.json()) as { id: string; name: string };
    expect(answer.name).toBe(name);

    const other = await create(server.base, cookie, { name: '同一键的另一个机构' });
    expect(other.status).toBe(422);
    expect(((await other.json()) as { error: { code: string } }).error.code).toBe(
      'common.idempotency_mismatch',
    );

    server.child.kill('SIGTERM');
    await exited(server.child);
    const database = await reopen(target);
    try {
      const found = await rows<{ id: string }>(
        database.db,
        sql`select id from organisations where name = ${name}`,
      );
      expect(found.map((r) => r.id)).toEqual([answer.id]);
      const audited = await rows<{ n: number }>(
        database.db,
        sql`select count(*)::int as n from audit_log where action = 'organisation.create' and entity_id = ${answer.id}`,
      );
      expect(audited[0]?.n).toBe(1);
    } finally {
      await database.close();
    }
  } finally {
    server.child.kill('SIGKILL');
  }
}, 240_000);
