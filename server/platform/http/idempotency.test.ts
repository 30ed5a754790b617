import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../db/client.ts';
import { actorsFor, call, type Session } from '../../test/actors.ts';
import { makeStreet, TEST_PASSWORD } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { pruneIdempotencyKeys } from './idempotency.ts';

/** What happens to claims that never got an answer, and to old answers. */

let t: TestApp;
let admin: Session;
let n = 0;

beforeAll(async () => {
  t = await createTestApp();
  admin = await actorsFor(t).asAdmin();
});
afterAll(async () => {
  await t?.close();
});

async function leaveClaim(key: string, age: string) {
  await t.db.execute(
    sql`insert into idempotency_keys (user_id, key, request_hash, created_at)
        values (${admin.user.id}, ${key}, 'from-a-request-that-died', now() - ${age}::interval)`,
  );
}

async function createStreetOfficer(key: string) {
  const street = await makeStreet(t.db);
  return call(t, admin, {
    method: 'POST',
    url: '/api/users',
    headers: { 'idempotency-key': key },
    payload: {
      username: `idem-${Date.now().toString(36)}-${++n}`,
      displayName: '幂等',
      password: TEST_PASSWORD,
      role: 'street_officer',
      divisionCode: street.code,
    },
  });
}

describe('Idempotency-Key claims', () => {
  it('answers 409 idempotency.in_progress while another request holds a fresh claim on the key', async () => {
    await leaveClaim('claim-fresh-1', '5 seconds');
    const { status, body } = await createStreetOfficer('claim-fresh-1');
    expect(status).toBe(409);
    expect(body.error.code).toBe('idempotency.in_progress');
  });

  it('frees a claim left unanswered for over a minute, so the retry runs', async () => {
    await leaveClaim('claim-stale-1', '2 minutes');
    const { status } = await createStreetOfficer('claim-stale-1');
    expect(status).toBe(201);
    const [row] = await rows<{ status_code: number }>(
      t.db,
      sql`select status_code from idempotency_keys where key = 'claim-stale-1'`,
    );
    expect(row?.status_code).toBe(201);
  });

  it('prunes answers older than a day and keeps the recent ones', async () => {
    await leaveClaim('prune-old-1', '25 hours');
    await leaveClaim('prune-new-1', '1 hour');
    expect(await pruneIdempotencyKeys(t.db)).toBeGreaterThanOrEqual(1);
    const left = await rows<{ key: string }>(
      t.db,
      sql`select key from idempotency_keys where key like 'prune-%' order by key`,
    );
    expect(left.map((r) => r.key)).toEqual(['prune-new-1']);
  });
});
