import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import enUS from '../../../web/shared/locales/en-US.ts';
import zhCN from '../../../web/shared/locales/zh-CN.ts';
import { rows } from '../../db/client.ts';
import { chainHead } from '../../platform/audit/checkpoints.ts';
import { auditCheckpointJob } from '../../platform/jobs/platform-jobs.ts';
import { actorsFor, call, type Session } from '../../test/actors.ts';
import { createTestApp, createTestClock, type TestApp } from '../../test/harness.ts';
import { AuditEntryView, AuditProblemView } from './contract.ts';

/**
 * The audit log's verification through the app (ADR 0010): its sealer refuses a row INSERTed in SQL,
 * writes signed checkpoints into the data folder, and POST /api/audit-log/verify reports a forged
 * row and a cut tail, with the newest checkpoint.
 */

let t: TestApp;
let admin: Session;
const day = 86_400_000;
beforeAll(async () => {
  t = await createTestApp({
    // a checkpoint after every seal that grew the chain
    env: { AUDIT_CHECKPOINT_SECONDS: '0.001', AUDIT_CHECKPOINT_KEEP_DAYS: '2' },
    clock: createTestClock(new Date('2026-05-10T02:00:00Z')),
  });
  admin = await actorsFor(t).asAdmin();
});
afterAll(async () => {
  await t?.close();
});

const verify = async () => {
  const { status, body } = await call(t, admin, { method: 'POST', url: '/api/audit-log/verify' });
  expect(status).toBe(200);
  return body;
};
const dir = () => t.config.audit.checkpointDir;
const poll = { timeout: 10_000, interval: 50 };

/** Until the sealer has taken every row and checkpointed the chain's head. */
async function settled() {
  await expect
    .poll(async () => {
      const [n] = await rows<{ n: number }>(
        t.db,
        sql`select count(*)::int as n from audit_log where seq is null and seal_refused is null`,
      );
      return n?.n;
    }, poll)
    .toBe(0);
  const head = await chainHead(t.db);
  await expect.poll(async () => (await verify()).checkpoint?.seq, poll).toBe(head.seq);
  return head;
}

describe('POST /api/audit-log/verify', () => {
  it('verifies the chain and names the newest checkpoint, in the data folder, 0600', async () => {
    const head = await settled();
    const result = await verify();
    expect(result).toMatchObject({ ok: true, problems: [], checked: head.seq });
    expect(result.checkpoint).toMatchObject({
      seq: head.seq,
      hash: head.hash,
      file: '2026-05-10.jsonl',
    });
    expect(dir()).toBe(path.join(t.config.dataDir, 'audit-checkpoints'));
    expect(fs.statSync(path.join(dir(), '2026-05-10.jsonl')).mode & 0o777).toBe(0o600);
  });

  it('reports a fake sensitive.reveal INSERTed in SQL, which the sealer left out of the chain', async () => {
    const [fake] = await rows<{ id: string | number }>(
      t.db,
      sql`insert into audit_log (username, role, action, entity, entity_id)
          values ('district1', 'district_officer', 'sensitive.reveal', 'subject', 'x') returning id`,
    );
    await settled();
    const result = await verify();
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([{ kind: 'forged_rows', count: 1, ids: [Number(fake?.id)] }]);
    const list = await call(t, admin, {
      method: 'GET',
      url: '/api/audit-log',
      query: { action: 'sensitive.reveal' },
    });
    expect(list.body.items).toMatchObject([{ sealed: false, sealRefused: 'no_mac' }]);
  });

  it('reports the newest rows deleted with the trigger off, with the seqs missing', async () => {
    await call(t, admin, { method: 'GET', url: '/api/audit-log' }); // some genuine activity
    await actorsFor(t).asAdmin(); // a login: audited
    const head = await settled();
    // the intruder deletes the last two rows without replication triggers, as the owner can
    await t.db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(sql`delete from audit_log where seq > ${head.seq - 2}`);
    });
    const result = await verify();
    expect(result.problems).toContainEqual({
      kind: 'tail_cut',
      fromSeq: head.seq - 1,
      toSeq: head.seq,
      checkpointAt: t.clock.now().toISOString(),
      file: '2026-05-10.jsonl',
    });
  });
});

describe('the daily job audit.checkpoint', () => {
  const run = () =>
    auditCheckpointJob.run(
      {
        ...t.ctx,
        job: {
          id: 'test',
          queue: 'audit.checkpoint',
          attempt: 1,
          signal: new AbortController().signal,
        },
      },
      {},
    );

  it('writes into the file of the app’s day and deletes the files past the kept days', async () => {
    t.clock.set(new Date('2026-05-10T16:01:00Z')); // 00:01 on 11 May in Shanghai
    expect(await run()).toMatchObject({ file: '2026-05-11.jsonl', pruned: [] });
    t.clock.advance(2 * day);
    expect(await run()).toMatchObject({ file: '2026-05-13.jsonl', pruned: ['2026-05-10.jsonl'] });
    expect(fs.readdirSync(dir()).sort()).toEqual(['2026-05-11.jsonl', '2026-05-13.jsonl']);
    for (const file of fs.readdirSync(dir()))
      expect(fs.statSync(path.join(dir(), file)).mode & 0o777).toBe(0o600);
  });
});

describe('the viewer’s words for what the verifier finds', () => {
  it('name every kind of problem and every refusal in zh-CN and en-US', () => {
    const kinds = AuditProblemView.options.map((o) => o.shape.kind.value);
    const refusals = AuditEntryView.shape.sealRefused.unwrap().options;
    for (const m of [zhCN, enUS]) {
      expect(Object.keys(m.auditVerify.problems).sort()).toEqual([...kinds].sort());
      expect(Object.keys(m.auditVerify.refusals).sort()).toEqual([...refusals].sort());
    }
  });
});
