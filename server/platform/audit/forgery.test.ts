import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows, type Db } from '../../db/client.ts';
import { createTestDatabase, type TestDatabase } from '../../test/harness.ts';
import { defineAuditActions } from '../contract/audit-actions.ts';
import { audit, canonical, sealAuditLog } from './audit.ts';
import {
  pruneAuditCheckpoints,
  readAuditCheckpoints,
  writeAuditCheckpoint,
} from './checkpoints.ts';
import { bindAuditKeys, hmacSm3 } from './keys.ts';
import { verifyAuditLog } from './verify.ts';

defineAuditActions({
  'test.genuine': { 'zh-CN': '测试事件', 'en-US': 'Test event' },
});

/**
 * ADR 0010 on a real database: rows the application did not write never enter the chain, and the
 * signed checkpoints in files show a cut or rewritten tail. The blocks run in order on one database.
 */

const chainKey = Buffer.alloc(32, 9);
const who = { username: 'tester', role: 'admin', ip: '10.0.0.2', requestId: 'req-f' };

let t: TestDatabase;
let dir: string;
const db = (): Db => t.db;
beforeAll(async () => {
  t = await createTestDatabase();
  bindAuditKeys(t.db, chainKey);
  dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'guanai-checkpoints-'));
});
afterAll(async () => {
  await t?.drop();
  if (dir) await fs.promises.rm(dir, { recursive: true, force: true });
});

const write = async (n: number) => {
  for (let i = 0; i < n; i++)
    await audit(db(), who, { action: 'test.genuine', entityId: String(i), detail: { i, s: 'é' } });
};
const sealAll = async () => {
  while ((await sealAuditLog(db(), chainKey)) > 0);
};
const verify = () => verifyAuditLog(db(), chainKey, { checkpointDir: dir });
const stateOf = async (id: number) =>
  (
    await rows<{ seq: string | number | null; seal_refused: string | null }>(
      db(),
      sql`select seq, seal_refused from audit_log where id = ${id}`,
    )
  )[0];

/** An intruder with the database's credentials: a row INSERTed straight in SQL. */
async function insertStraight(mac: string | null): Promise<number> {
  const [row] = await rows<{ id: string | number }>(
    db(),
    sql`insert into audit_log (username, role, action, entity, entity_id, detail, mac)
        values ('district1', 'district_officer', 'sensitive.reveal', 'subject',
                '00000000-0000-4000-8000-000000000001', '{"field":"idNumber"}', ${mac})
        returning id`,
  );
  return Number(row?.id);
}

/** SQL with the append-only trigger switched off, as the owner of the database can. */
async function bypassingTrigger(change: ReturnType<typeof sql>) {
  await db().transaction(async (tx) => {
    await tx.execute(sql`alter table audit_log disable trigger audit_log_append_only`);
    await tx.execute(change);
    await tx.execute(sql`alter table audit_log enable trigger audit_log_append_only`);
  });
}

describe('rows the application did not write', () => {
  let first = 0;
  it('a fake sensitive.reveal INSERTed in SQL is not sealed, the rows around it are, and it is reported', async () => {
    await write(2);
    const forged = await insertStraight(null);
    first = forged;
    await write(2);
    await sealAll();
    expect(await stateOf(forged)).toEqual({ seq: null, seal_refused: 'no_mac' });
    const result = await verify();
    expect(result).toMatchObject({ ok: false, checked: 4, unsealed: 0, brokenAt: null });
    expect(result.problems).toEqual([{ kind: 'forged_rows', count: 1, ids: [forged] }]);
  });

  it('is reported before the sealer has run, too', async () => {
    const forged = await insertStraight('ab'.repeat(32));
    const result = await verify();
    expect(result.problems).toContainEqual({
      kind: 'forged_rows',
      count: 2,
      ids: [first, forged],
    });
    await sealAll();
    expect(await stateOf(forged)).toEqual({ seq: null, seal_refused: 'bad_mac' });
  });

  it('a genuine row’s MAC copied onto other content does not pass', async () => {
    const [genuine] = await rows<{ mac: string }>(
      db(),
      sql`select mac from audit_log where seq = 1`,
    );
    const forged = await insertStraight(genuine?.mac ?? null);
    await sealAll();
    expect(await stateOf(forged)).toEqual({ seq: null, seal_refused: 'bad_mac' });
  });

  it('a row passed off as written before the cut-over (legacy) is refused once the chain has MACs', async () => {
    const forged = await insertStraight('legacy');
    await sealAll();
    expect(await stateOf(forged)).toEqual({ seq: null, seal_refused: 'late_legacy' });
  });

  it('a sealed row’s MAC changed (the trigger off) breaks verification at that row', async () => {
    const [before] = await rows<{ mac: string }>(
      db(),
      sql`select mac from audit_log where seq = 3`,
    );
    await bypassingTrigger(sql`update audit_log set mac = 'legacy' where seq = 3`);
    expect(await verify()).toMatchObject({ ok: false, brokenAt: 3 });
    await bypassingTrigger(sql`update audit_log set mac = ${before?.mac} where seq = 3`);
    expect((await verify()).brokenAt).toBeNull();
  });

  it('the trigger refuses changing a row’s MAC or taking back a refusal', async () => {
    await write(1);
    await expect(
      db().execute(sql`update audit_log set mac = 'legacy' where seq is null and mac <> 'legacy'`),
    ).rejects.toThrow();
    await sealAll();
    await expect(
      db().execute(sql`update audit_log set seal_refused = null where seal_refused is not null`),
    ).rejects.toThrow();
    await expect(
      db().execute(
        sql`update audit_log set seq = 999, seal_refused = null where seal_refused = 'no_mac'`,
      ),
    ).rejects.toThrow();
  });
});

describe('signed checkpoints', () => {
  const day1 = new Date('2026-03-01T15:30:00Z'); // 23:30 on 1 March in Shanghai
  const day2 = new Date('2026-03-01T16:30:00Z'); // 00:30 on 2 March

  it('are appended to one file a day (Asia/Shanghai), 0600 in a 0700 folder', async () => {
    const first = await writeAuditCheckpoint(db(), chainKey, dir, day1);
    await write(1);
    await sealAll();
    const second = await writeAuditCheckpoint(db(), chainKey, dir, day1);
    const third = await writeAuditCheckpoint(db(), chainKey, dir, day2);
    expect([first.file, first.line, second.file, second.line]).toEqual([
      '2026-03-01.jsonl',
      1,
      '2026-03-01.jsonl',
      2,
    ]);
    expect([third.file, third.line]).toEqual(['2026-03-02.jsonl', 1]);
    expect(second.seq).toBe(first.seq + 1);
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    for (const file of ['2026-03-01.jsonl', '2026-03-02.jsonl'])
      expect(fs.statSync(path.join(dir, file)).mode & 0o777).toBe(0o600);
    const result = await verify();
    expect(result.checkpoint).toMatchObject({ seq: third.seq, file: '2026-03-02.jsonl', line: 1 });
    expect(result.problems.map((p) => p.kind)).toEqual(['forged_rows']);
  });

  it('show a cut tail: the newest rows deleted with the trigger off, with the seqs missing', async () => {
    await write(3);
    await sealAll();
    const checkpoint = await writeAuditCheckpoint(db(), chainKey, dir, day2);
    await bypassingTrigger(sql`delete from audit_log where seq > ${checkpoint.seq - 2}`);
    const result = await verify();
    expect(result.ok).toBe(false);
    expect(result.brokenAt).toBeNull(); // what is left of the chain is intact
    expect(result.problems).toContainEqual({
      kind: 'tail_cut',
      fromSeq: checkpoint.seq - 1,
      toSeq: checkpoint.seq,
      checkpointAt: day2.toISOString(),
      file: '2026-03-02.jsonl',
    });

    // the chain grown again over the cut: the checkpoint's seq now holds another row
    await write(3);
    await sealAll();
    const regrown = await verify();
    // (the rows after the last checkpoint that still matches were replaced)
    const mismatch = regrown.problems.find((p) => p.kind === 'checkpoint_mismatch');
    expect(mismatch).toMatchObject({ seq: checkpoint.seq, file: '2026-03-02.jsonl' });
    expect(mismatch && 'sinceSeq' in mismatch && mismatch.sinceSeq).toBeLessThan(
      checkpoint.seq - 1,
    );
  });

  it('a checkpoint line altered or added by hand is reported, and not believed', async () => {
    const file = path.join(dir, '2026-03-02.jsonl');
    const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
    const altered = { ...JSON.parse(lines[0] ?? '{}'), seq: 1_000_000 };
    fs.appendFileSync(file, `${JSON.stringify(altered)}\nnot json\n`);
    const reading = await readAuditCheckpoints(chainKey, dir);
    expect(reading.invalid).toEqual([
      { file: '2026-03-02.jsonl', line: lines.length + 1 },
      { file: '2026-03-02.jsonl', line: lines.length + 2 },
    ]);
    const result = await verify();
    expect(result.problems).toContainEqual({
      kind: 'checkpoint_invalid',
      file: '2026-03-02.jsonl',
      line: lines.length + 1,
    });
    expect(result.checkpoint?.seq).toBeLessThan(1_000_000);
    // and a checkpoint signed with another key is no checkpoint of this chain
    expect((await readAuditCheckpoints(Buffer.alloc(32, 1), dir)).valid).toEqual([]);
  });

  it('day files older than the kept days are deleted, the others kept', async () => {
    const now = new Date('2026-03-12T04:00:00Z'); // 12 March in Shanghai
    await writeAuditCheckpoint(db(), chainKey, dir, now);
    expect(await pruneAuditCheckpoints({ dir, keepDays: 10 }, now)).toEqual(['2026-03-01.jsonl']);
    expect(fs.readdirSync(dir).sort()).toEqual(['2026-03-02.jsonl', '2026-03-12.jsonl']);
  });
});

describe('rows written before row MACs (the migration marks them legacy)', () => {
  let legacy: TestDatabase;
  beforeAll(async () => {
    legacy = await createTestDatabase();
    bindAuditKeys(legacy.db, chainKey);
  });
  afterAll(async () => {
    await legacy?.drop();
  });

  it('are chained as the prefix of the chain, then the application’s rows, and it verifies', async () => {
    for (let i = 0; i < 3; i++)
      await legacy.db.execute(
        sql`insert into audit_log (username, action, mac) values ('old', 'auth.login', 'legacy')`,
      );
    await audit(legacy.db, who, { action: 'test.genuine' });
    while ((await sealAuditLog(legacy.db, chainKey)) > 0);
    // the legacy rows are chained as ADR 0002 did, so a chain sealed before the upgrade verifies
    const chain = await rows<{ seq: number; prev_hash: string; hash: string; text: string }>(
      legacy.db,
      sql`select seq::int as seq, prev_hash, hash, ${canonical} as text from audit_log
          where mac = 'legacy' order by seq`,
    );
    expect(chain).toHaveLength(3);
    for (const r of chain)
      expect(r.hash).toBe(hmacSm3(chainKey, `${r.prev_hash}\n${r.seq}\n${r.text}`));
    expect(await verifyAuditLog(legacy.db, chainKey)).toMatchObject({
      ok: true,
      checked: 4,
      problems: [],
    });
  });
});
