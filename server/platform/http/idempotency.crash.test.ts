import { sql } from 'drizzle-orm';
import { afterAll, expect, it } from 'vitest';
import { openDatabase, rows } from '../../db/client.ts';
import {
  exited,
  freshDataDir,
  freshTarget,
  logInAsAdmin,
  startServer,
  type Cleanups,
} from '../../test/server-process.ts';

/**
 * Exactly once across a crash: the server is killed (SIGKILL) after a keyed create committed and
 * before its answer left; the client's retry with the same key, to the restarted server, gets the
 * stored answer and the row exists once. On PGlite (a data folder) and on PostgreSQL.
 */

const cleanups: Cleanups = [];
afterAll(async () => {
  for (const c of cleanups) await c();
});

it('answers a retry after a crash between commit and answer with the stored answer, and writes one row', async () => {
  const target = await freshTarget(cleanups, 'idempotency');
  const dataDir = freshDataDir(cleanups);
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
    const database = target.startsWith('postgres')
      ? await openDatabase({ url: target })
      : await openDatabase({ dataDir: target });
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
