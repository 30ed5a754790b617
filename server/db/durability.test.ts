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
 * other writes are in flight: on PGlite (a data folder) and on PostgreSQL.
 */

const cleanups: Cleanups = [];
afterAll(async () => {
  for (const c of cleanups) await c();
});

it('keeps every write acknowledged over HTTP when the server is killed with SIGKILL mid-stream', async () => {
  const target = await freshTarget(cleanups, 'durability');
  const { child, base } = await startServer(target, freshDataDir(cleanups));
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
