import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../db/client.ts';
import { actorsFor, call, type Session } from '../../test/actors.ts';
import { makeOrganisation, makeStreet } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { multipart, rosterWorkbook } from '../../test/roster-support.ts';
import { makeSubject, type TestSubject } from '../../test/subject-factories.ts';
import { pruneIdempotencyKeys } from './idempotency.ts';

/**
 * Idempotency-Key through the real routes (docs/adr/0006): one write per key, the answer replayed,
 * another request under the key refused, a failed request leaving the key free, on both backends.
 */

let t: TestApp;
let admin: Session;
let street: string;
let n = 0;
const uniqueName = (what: string) => `幂等${what}-${Date.now().toString(36)}-${++n}`;

beforeAll(async () => {
  t = await createTestApp();
  admin = await actorsFor(t).asAdmin();
  street = (await makeStreet(t.db)).code;
});
afterAll(async () => {
  await t?.close();
});

const createOrganisation = (key: string | null, payload: Record<string, unknown>) =>
  call(t, admin, {
    method: 'POST',
    url: '/api/organisations',
    payload: { kind: 'provider', divisionCode: street, ...payload },
    ...(key ? { headers: { 'idempotency-key': key } } : {}),
  });

async function organisationsNamed(name: string): Promise<number> {
  const [row] = await rows<{ n: number }>(
    t.db,
    sql`select count(*)::int as n from organisations where name = ${name}`,
  );
  return row?.n ?? -1;
}

async function storedAnswers(key: string): Promise<number> {
  const [row] = await rows<{ n: number }>(
    t.db,
    sql`select count(*)::int as n from idempotency_keys where key = ${key} and status_code is not null`,
  );
  return row?.n ?? -1;
}

describe('Idempotency-Key on a create', () => {
  it('replays the first answer to a retry, and the write happened once', async () => {
    const name = uniqueName('重试');
    const first = await createOrganisation('retry-key-1', { name });
    const retry = await createOrganisation('retry-key-1', { name });
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(await organisationsNamed(name)).toBe(1);
  });

  it('refuses the same key with another body: 422 common.idempotency_mismatch, nothing written', async () => {
    const name = uniqueName('原');
    expect((await createOrganisation('mismatch-key-1', { name })).status).toBe(201);
    const other = uniqueName('另');
    const res = await createOrganisation('mismatch-key-1', { name: other });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('common.idempotency_mismatch');
    expect(await organisationsNamed(other)).toBe(0);
  });

  it('scopes keys per user: another user’s same key is another request', async () => {
    const name = uniqueName('别人');
    expect((await createOrganisation('shared-key-1', { name })).status).toBe(201);
    const other = await actorsFor(t).asAdmin();
    const res = await call(t, other, {
      method: 'POST',
      url: '/api/organisations',
      payload: { kind: 'provider', divisionCode: street, name: uniqueName('另一人') },
      headers: { 'idempotency-key': 'shared-key-1' },
    });
    expect(res.status).toBe(201);
  });

  it('stores nothing for a refused request (4xx): the same key then runs the corrected request', async () => {
    const name = uniqueName('更正');
    const refused = await createOrganisation('corrected-key-1', {
      name,
      divisionCode: '999999999999',
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('organisation.division_not_found');
    expect(await storedAnswers('corrected-key-1')).toBe(0);
    const invalid = await createOrganisation('corrected-key-1', { name: '' });
    expect(invalid.status).toBe(400);
    const corrected = await createOrganisation('corrected-key-1', { name });
    expect(corrected.status).toBe(201);
    expect(await organisationsNamed(name)).toBe(1);
    expect(await storedAnswers('corrected-key-1')).toBe(1);
  });

  it('runs a write without the header as before (no key, no answer kept)', async () => {
    const name = uniqueName('无键');
    expect((await createOrganisation(null, { name })).status).toBe(201);
    expect((await createOrganisation(null, { name })).status).toBe(201);
    expect(await organisationsNamed(name)).toBe(2);
  });

  it('refuses a key shorter than 8 characters with 400 idempotency.key_invalid', async () => {
    const res = await createOrganisation('short', { name: uniqueName('短') });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('idempotency.key_invalid');
  });

  it('writes once when the same key arrives twice at the same time (one answer, or 409 while running)', async () => {
    const name = uniqueName('并发');
    const [a, b] = await Promise.all([
      createOrganisation('parallel-key-1', { name }),
      createOrganisation('parallel-key-1', { name }),
    ]);
    const statuses = [a.status, b.status].sort();
    // PGlite runs one transaction at a time: the second sees the first's answer. PostgreSQL may
    // run both at once: the second finds the key held and answers 409.
    expect([
      [201, 201],
      [201, 409],
    ]).toContainEqual(statuses);
    if (b.status === 201) expect(b.body).toEqual(a.body);
    expect(await organisationsNamed(name)).toBe(1);
  });

  // PostgreSQL only, on purpose: PGlite has one connection, so a second request waits for the first
  // and replays its answer (tested above); CI runs this file again on PostgreSQL (.ci/run).
  it.runIf(Boolean(process.env.DATABASE_URL))(
    'answers 409 idempotency.in_progress while the first request of the key still runs (PostgreSQL, a real pool)',
    async () => {
      const pool = t.database.pool;
      if (!pool) throw new Error('no pool');
      const name = uniqueName('进行中');
      // Another session holds organisations, so the first request waits inside its transaction.
      const blocker = await pool.connect();
      try {
        await blocker.query('begin');
        await blocker.query('lock table organisations in exclusive mode');
        const first = createOrganisation('running-key-1', { name });
        await waitFor(async () => {
          const [held] = await rows<{ n: number }>(
            t.db,
            sql`select count(*)::int as n from pg_locks where locktype = 'advisory' and classid = 727300 and granted`,
          );
          return (held?.n ?? 0) > 0;
        });
        const second = await createOrganisation('running-key-1', { name });
        expect(second.status).toBe(409);
        expect(second.body.error.code).toBe('idempotency.in_progress');
        await blocker.query('commit');
        const done = await first;
        expect(done.status).toBe(201);
        const third = await createOrganisation('running-key-1', { name });
        expect(third.status).toBe(201);
        expect(third.body).toEqual(done.body);
      } finally {
        await blocker.query('rollback').catch(() => undefined);
        blocker.release();
      }
      expect(await organisationsNamed(name)).toBe(1);
    },
  );

  it('runs a retry whose key holds only a claim without an answer (left by the earlier version)', async () => {
    await t.db.execute(
      sql`insert into idempotency_keys (user_id, key, request_hash, created_at)
          values (${admin.user.id}, 'claim-left-1', 'from-a-request-that-died', now())`,
    );
    const name = uniqueName('遗留');
    expect((await createOrganisation('claim-left-1', { name })).status).toBe(201);
    expect(await storedAnswers('claim-left-1')).toBe(1);
    expect(await organisationsNamed(name)).toBe(1);
  });

  it('prunes answers older than a day and keeps the recent ones', async () => {
    for (const [key, age] of [
      ['prune-old-1', '25 hours'],
      ['prune-new-1', '1 hour'],
    ] as const) {
      await t.db.execute(
        sql`insert into idempotency_keys (user_id, key, request_hash, status_code, response, created_at)
            values (${admin.user.id}, ${key}, 'h', 201, '{}'::jsonb, now() - ${age}::interval)`,
      );
    }
    expect(await pruneIdempotencyKeys(t.db)).toBeGreaterThanOrEqual(1);
    const left = await rows<{ key: string }>(
      t.db,
      sql`select key from idempotency_keys where key like 'prune-%' order by key`,
    );
    expect(left.map((r) => r.key)).toEqual(['prune-new-1']);
  });
});

describe('Idempotency-Key on an upload', () => {
  let importer: Session;
  let subject: TestSubject;
  beforeAll(async () => {
    importer = await actorsFor(t).asOrgAdmin(
      await makeOrganisation(t.db, { divisionCode: street }),
      street,
    );
    subject = await makeSubject(t.db, t.ctx.sensitive, { divisionCode: street, name: '钱桂芝' });
  });

  // one file per status, built once: a retry sends the same bytes (a rebuilt workbook differs)
  const files = new Map<string, Buffer>();
  const importFile = async (key: string, status: string) => {
    const file =
      files.get(status) ??
      (await rosterWorkbook(
        [{ 身份证号: subject.idNumber, 姓名: '钱桂芝', 参保状态: status }],
        ['身份证号', '姓名', '参保状态'],
      ));
    files.set(status, file);
    const { payload, headers } = multipart(file);
    return call(t, importer, {
      method: 'POST',
      url: '/api/source-records/import?source=social_security&asOf=2026-10-31',
      payload,
      headers: { ...headers, 'idempotency-key': key },
    });
  };
  const imports = async () => {
    const [row] = await rows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from audit_log where action = 'source.import' and user_id = ${importer.user.id}`,
    );
    return row?.n ?? -1;
  };

  it('replays a retried file, and refuses another file under the same key with 422', async () => {
    const first = await importFile('upload-key-1', '正常参保');
    expect(first.status).toBe(200);
    const retry = await importFile('upload-key-1', '正常参保');
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(first.body);
    expect(await imports()).toBe(1);

    const other = await importFile('upload-key-1', '暂停参保');
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('common.idempotency_mismatch');
    expect(await imports()).toBe(1);
  });
});

async function waitFor(ok: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await ok()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('timed out waiting');
}
