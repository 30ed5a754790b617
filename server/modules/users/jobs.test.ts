import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeUser } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { pruneEndedSessions } from './jobs.ts';
import { sessions } from './tables.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

it('prunes sessions that ended over a week ago and keeps recent and open ones', async () => {
  const user = await makeUser(t.db, { role: 'admin' });
  const session = (tokenHash: string, endedAgo: string | null) =>
    t.db.execute(sql`insert into sessions (token_hash, user_id, created_at, last_seen_at, ended_at)
      values (${tokenHash}, ${user.id}, now() - interval '9 days', now() - interval '9 days',
              ${endedAgo === null ? null : sql`now() - ${endedAgo}::interval`})`);
  await session('ended-long-ago', '8 days');
  await session('ended-yesterday', '1 day');
  await session('still-open', null);
  expect(await pruneEndedSessions(t.db)).toBe(1);
  const left = await t.db
    .select({ tokenHash: sessions.tokenHash })
    .from(sessions)
    .where(eq(sessions.userId, user.id));
  expect(left.map((s) => s.tokenHash).sort()).toEqual(['ended-yesterday', 'still-open']);
});
