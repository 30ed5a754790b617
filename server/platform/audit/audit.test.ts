import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows, type Db } from '../../db/client.ts';
import { createTestDatabase, type TestDatabase } from '../../test/harness.ts';
import { defineAuditActions } from '../contract/audit-actions.ts';
import { audit, sealAuditLog } from './audit.ts';
import { bindAuditKeys } from './keys.ts';
import { verifyAuditLog } from './verify.ts';

defineAuditActions({
  'test.event': { 'zh-CN': '测试事件', 'en-US': 'Test event' },
  'test.unsealed': { 'zh-CN': '测试事件', 'en-US': 'Test event' },
  'test.concurrent': { 'zh-CN': '测试事件', 'en-US': 'Test event' },
  'test.keyed': { 'zh-CN': '测试事件', 'en-US': 'Test event' },
});

/**
 * The audit log's hash chain on a real database. The blocks run in order on one database; every
 * tampering test puts the row back afterwards, so the chain verifies again for the next block.
 */

const who = { userId: null, username: 'tester', role: 'admin', ip: '10.0.0.1', requestId: 'req-1' };

const chainKey = Buffer.alloc(32, 7);

let t: TestDatabase;
const db = (): Db => t.db;
beforeAll(async () => {
  t = await createTestDatabase();
  bindAuditKeys(t.db, chainKey);
});
afterAll(async () => {
  await t?.drop();
});

async function write(count: number, action = 'test.event') {
  for (let i = 0; i < count; i++) {
    await audit(db(), who, { action, entity: 'thing', entityId: String(i), detail: { i } });
  }
}

async function sealAll() {
  while ((await sealAuditLog(db(), chainKey)) > 0);
}

const sequence = async () =>
  (await rows<{ seq: string | number }>(db(), sql`select seq from audit_log order by seq`)).map(
    (r) => Number(r.seq),
  );
const oneTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

/** Runs SQL with the append-only trigger switched off, as an intruder with database access would. */
async function bypassingTrigger(change: ReturnType<typeof sql>) {
  await db().transaction(async (tx) => {
    await tx.execute(sql`alter table audit_log disable trigger audit_log_append_only`);
    await tx.execute(change);
    await tx.execute(sql`alter table audit_log enable trigger audit_log_append_only`);
  });
}

describe('sealing and verifying', () => {
  it('an empty log verifies', async () => {
    expect(await verifyAuditLog(db(), chainKey)).toMatchObject({
      ok: true,
      checked: 0,
      unsealed: 0,
      brokenAt: null,
    });
  });

  it('leaves new rows unsealed until the sealer runs, then chains them 1…n and verifies', async () => {
    await write(5);
    expect(await verifyAuditLog(db(), chainKey)).toMatchObject({
      ok: true,
      checked: 0,
      unsealed: 5,
    });
    expect(await sealAuditLog(db(), chainKey)).toBe(5);
    expect(await sealAuditLog(db(), chainKey)).toBe(0);
    expect(await sequence()).toEqual(oneTo(5));
    expect(await verifyAuditLog(db(), chainKey)).toMatchObject({
      ok: true,
      checked: 5,
      unsealed: 0,
      brokenAt: null,
    });
  });

  it('links each row to the one before it, starting from 64 zeros', async () => {
    const chain = await rows<{ prev_hash: string; hash: string }>(
      db(),
      sql`select prev_hash, hash from audit_log order by seq`,
    );
    expect(chain[0]?.prev_hash).toBe('0'.repeat(64));
    for (let i = 1; i < chain.length; i++) expect(chain[i]?.prev_hash).toBe(chain[i - 1]?.hash);
    for (const row of chain) expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('continues the chain across batches', async () => {
    await write(7);
    expect(await sealAuditLog(db(), chainKey, 3)).toBe(3);
    expect(await sealAuditLog(db(), chainKey, 3)).toBe(3);
    expect(await sealAuditLog(db(), chainKey, 3)).toBe(1);
    expect(await sequence()).toEqual(oneTo(12));
    expect(await verifyAuditLog(db(), chainKey)).toMatchObject({ ok: true, checked: 12 });
  });
});

describe('the append-only trigger', () => {
  beforeAll(async () => {
    await write(1, 'test.unsealed');
  });

  it('refuses deleting a sealed or an unsealed row', async () => {
    await expect(db().execute(sql`delete from audit_log where seq = 1`)).rejects.toThrow();
    await expect(db().execute(sql`delete from audit_log where seq is null`)).rejects.toThrow();
  });

  it('refuses changing the content of a sealed or an unsealed row', async () => {
    await expect(
      db().execute(sql`update audit_log set username = 'mallory' where seq = 2`),
    ).rejects.toThrow();
    await expect(
      db().execute(sql`update audit_log set detail = '{"i": 99}' where seq is null`),
    ).rejects.toThrow();
  });

  it('refuses re-sealing a sealed row', async () => {
    await expect(
      db().execute(sql`update audit_log set hash = repeat('0', 64) where seq = 3`),
    ).rejects.toThrow();
  });

  it('refuses truncating the table', async () => {
    await expect(db().execute(sql`truncate audit_log`)).rejects.toThrow();
  });

  it('kept every row as it was', async () => {
    const [count] = await rows<{ n: number }>(db(), sql`select count(*)::int as n from audit_log`);
    expect(count?.n).toBe(13);
    expect(await verifyAuditLog(db(), chainKey)).toMatchObject({
      ok: true,
      checked: 12,
      unsealed: 1,
    });
    await sealAll();
  });
});

describe('tampering with a sealed row', () => {
  it('a changed detail breaks the chain at that row’s seq; the original content verifies again', async () => {
    const [before] = await rows<{ detail: string }>(
      db(),
      sql`select detail::text as detail from audit_log where seq = 4`,
    );
    await bypassingTrigger(sql`update audit_log set detail = '{"i": 999}' where seq = 4`);
    expect(await verifyAuditLog(db(), chainKey)).toMatchObject({
      ok: false,
      checked: 3,
      unsealed: 0,
      brokenAt: 4,
    });
    await bypassingTrigger(
      sql`update audit_log set detail = ${before?.detail}::jsonb where seq = 4`,
    );
    expect(await verifyAuditLog(db(), chainKey)).toMatchObject({ ok: true, checked: 13 });
  });

  it('a changed username breaks the chain at that row’s seq', async () => {
    await bypassingTrigger(sql`update audit_log set username = 'someone-else' where seq = 2`);
    expect(await verifyAuditLog(db(), chainKey)).toMatchObject({ ok: false, brokenAt: 2 });
    await bypassingTrigger(sql`update audit_log set username = ${who.username} where seq = 2`);
    expect((await verifyAuditLog(db(), chainKey)).ok).toBe(true);
  });

  it('a row relinked to another predecessor breaks the chain at that row', async () => {
    const [before] = await rows<{ prev_hash: string }>(
      db(),
      sql`select prev_hash from audit_log where seq = 7`,
    );
    await bypassingTrigger(sql`update audit_log set prev_hash = repeat('f', 64) where seq = 7`);
    expect(await verifyAuditLog(db(), chainKey)).toMatchObject({ ok: false, brokenAt: 7 });
    await bypassingTrigger(
      sql`update audit_log set prev_hash = ${before?.prev_hash} where seq = 7`,
    );
    expect((await verifyAuditLog(db(), chainKey)).ok).toBe(true);
  });

  it('a deleted row breaks the chain where the gap is', async () => {
    const [saved] = await rows<{ row: string }>(
      db(),
      sql`select row_to_json(a)::text as row from audit_log a where seq = 5`,
    );
    await bypassingTrigger(sql`delete from audit_log where seq = 5`);
    expect(await verifyAuditLog(db(), chainKey)).toMatchObject({ ok: false, brokenAt: 5 });
    await bypassingTrigger(
      sql`insert into audit_log select * from json_populate_record(null::audit_log, ${saved?.row}::json)`,
    );
    expect(await verifyAuditLog(db(), chainKey)).toMatchObject({ ok: true, checked: 13 });
  });
});

describe('concurrent writers and sealers', () => {
  it('produce one gapless chain: every row sealed exactly once, seq 1…n, and it verifies', async () => {
    const [start] = await rows<{ n: number }>(db(), sql`select count(*)::int as n from audit_log`);
    const writers = Array.from({ length: 8 }, (_, w) =>
      (async () => {
        for (let i = 0; i < 15; i++) {
          await db().transaction(async (tx) => {
            await audit(
              tx,
              { ...who, requestId: `w${w}` },
              { action: 'test.concurrent', entityId: `${w}-${i}` },
            );
          });
        }
      })(),
    );
    const sealers = Array.from({ length: 3 }, () =>
      (async () => {
        for (let i = 0; i < 10; i++) await sealAuditLog(db(), chainKey, 7);
      })(),
    );
    await Promise.all([...writers, ...sealers]);
    await sealAll();
    const total = (start?.n ?? 0) + 120;
    expect(await sequence()).toEqual(oneTo(total));
    expect(await verifyAuditLog(db(), chainKey)).toMatchObject({
      ok: true,
      checked: total,
      unsealed: 0,
      brokenAt: null,
    });
  });
});

describe('the keyed chain', () => {
  it('cannot be recomputed without the key: a chain sealed with another key does not verify', async () => {
    await write(2, 'test.keyed');
    await sealAll();
    expect((await verifyAuditLog(db(), chainKey)).ok).toBe(true);
    expect(await verifyAuditLog(db(), Buffer.alloc(32, 8))).toMatchObject({
      ok: false,
      brokenAt: 1,
    });
  });
});

describe('the catalogue of audited actions', () => {
  it('refuses an action no contract declares, writing nothing', async () => {
    await expect(audit(db(), who, { action: 'test.undeclared' })).rejects.toThrow(/not declared/);
    const [row] = await rows<{ n: number }>(
      db(),
      sql`select count(*)::int as n from audit_log where action = 'test.undeclared'`,
    );
    expect(row?.n).toBe(0);
  });
});
