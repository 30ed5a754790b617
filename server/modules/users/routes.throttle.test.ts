import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../db/client.ts';
import { call } from '../../test/actors.ts';
import { makeUser, type TestUser } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';

/**
 * The login throttles and the client address (issue 8 items 3 and 4): an (address, username) pair
 * backs off exponentially, an address as a whole has a ceiling an office does not reach, the answer
 * never tells unknown, wrong and locked apart, and X-Forwarded-For counts only from a trusted proxy.
 */

let t: TestApp;
let proxied: TestApp;
let address = 0;
const nextAddress = () => `10.1.${Math.floor(++address / 250)}.${(address % 250) + 1}`;
const PROXY = '10.200.0.1';

beforeAll(async () => {
  // a short back-off base, so that waiting it out takes a test a second
  t = await createTestApp({ env: { LOGIN_PAIR_BASE_SECONDS: '0.4' } });
  proxied = await createTestApp({ env: { TRUST_PROXY: `${PROXY},10.201.0.0/16` } });
});
afterAll(async () => {
  await t?.close();
  await proxied?.close();
});

const login = (
  app: TestApp,
  username: string,
  password: string,
  from: string,
  headers: Record<string, string> = {},
) =>
  call(app, null, {
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
    remoteAddress: from,
    headers,
  });

const WRONG = 'Wrong#Pass2025';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function loginAddresses(app: TestApp, user: TestUser) {
  return (
    await rows<{ ip: string; success: boolean }>(
      app.db,
      sql`select ip, success from audit_log where action = 'auth.login' and username = ${user.username} order by id`,
    )
  ).map((r) => r.ip);
}

describe('one answer for unknown, wrong and locked', () => {
  it('answers an unknown name, a wrong password and a locked account (even with its right password) alike', async () => {
    const user = await makeUser(t.db);
    const locked = await makeUser(t.db);
    for (let i = 0; i < 5; i++) await login(t, locked.username, WRONG, nextAddress());
    const answers = await Promise.all([
      login(t, 'nobody-at-all', WRONG, nextAddress()),
      login(t, user.username, WRONG, nextAddress()),
      login(t, locked.username, WRONG, nextAddress()),
      login(t, locked.username, locked.password, nextAddress()),
    ]);
    for (const answer of answers) {
      expect(answer.status).toBe(401);
      expect(answer.body).toEqual({
        error: {
          code: 'auth.invalid_credentials',
          message: '用户名或密码错误；连续失败 5 次将锁定账户 30 分钟',
        },
      });
      expect(Object.keys(answer.res.headers).sort()).toEqual(
        Object.keys(answers[0]?.res.headers ?? {}).sort(),
      );
    }
  });
});

describe('the (address, username) back-off', () => {
  it('refuses a sixth try at one name from one address until the back-off has passed, known or not', async () => {
    for (const username of ['no-such-user', (await makeUser(t.db)).username]) {
      const from = nextAddress();
      for (let i = 0; i < 5; i++) expect((await login(t, username, WRONG, from)).status).toBe(401);
      const early = await login(t, username, WRONG, from);
      expect(early.status).toBe(429);
      expect(early.body.error.code).toBe('auth.retry_later');
      expect(early.res.headers['retry-after']).toBe('1');
      await sleep(450);
      expect((await login(t, username, WRONG, from)).status).toBe(401);
      // the sixth failure doubles the wait: 0.8 s
      await sleep(450);
      expect((await login(t, username, WRONG, from)).status).toBe(429);
      await sleep(400);
      expect((await login(t, username, WRONG, from)).status).toBe(401);
    }
  });

  it('leaves the same name from another address, and another name from the same address, alone', async () => {
    const user = await makeUser(t.db);
    const from = nextAddress();
    for (let i = 0; i < 5; i++) await login(t, 'someone-else', WRONG, from);
    expect((await login(t, 'someone-else', WRONG, from)).status).toBe(429);
    expect((await login(t, user.username, user.password, from)).status).toBe(200);
    expect((await login(t, 'someone-else', WRONG, nextAddress())).status).toBe(401);
  });
});

describe('the per-address ceiling', () => {
  it('does not lock out a street office behind one NAT address: 40 colleagues failing twice each, then one signs in', async () => {
    const office = nextAddress();
    for (let i = 0; i < 40; i++) {
      const colleague = `colleague-${i}`;
      expect((await login(t, colleague, WRONG, office)).status).toBe(401);
      expect((await login(t, colleague, WRONG, office)).status).toBe(401);
    }
    const user = await makeUser(t.db);
    expect((await login(t, user.username, user.password, office)).status).toBe(200);
  });

  it('refuses an address past LOGIN_IP_MAX_FAILURES (429 auth.too_many_attempts), even for a right password', async () => {
    const strict = await createTestApp({ env: { LOGIN_IP_MAX_FAILURES: '6' } });
    try {
      const user = await makeUser(strict.db);
      const from = nextAddress();
      for (let i = 0; i < 6; i++) await login(strict, `nobody-${i}`, WRONG, from);
      const refused = await login(strict, user.username, user.password, from);
      expect(refused.status).toBe(429);
      expect(refused.body.error.code).toBe('auth.too_many_attempts');
      expect((await login(strict, user.username, user.password, nextAddress())).status).toBe(200);
    } finally {
      await strict.close();
    }
  });
});

describe('the client address', () => {
  it('ignores X-Forwarded-For without TRUST_PROXY: the audit records the connecting address', async () => {
    const user = await makeUser(t.db);
    const from = nextAddress();
    await login(t, user.username, WRONG, from, { 'x-forwarded-for': '203.0.113.9' });
    await login(t, user.username, user.password, from, { 'x-forwarded-for': '198.51.100.7' });
    expect(await loginAddresses(t, user)).toEqual([from, from]);
  });

  it('does not let a forged X-Forwarded-For escape the throttle', async () => {
    const strict = await createTestApp({ env: { LOGIN_IP_MAX_FAILURES: '5' } });
    try {
      const user = await makeUser(strict.db);
      const from = nextAddress();
      for (let i = 0; i < 5; i++)
        await login(strict, `nobody-${i}`, WRONG, from, { 'x-forwarded-for': `203.0.113.${i}` });
      const refused = await login(strict, user.username, user.password, from, {
        'x-forwarded-for': '203.0.113.200',
      });
      expect(refused.status).toBe(429);
    } finally {
      await strict.close();
    }
  });

  it('honours X-Forwarded-For from a configured proxy (an address or a range), in the audit and the throttle', async () => {
    const user = await makeUser(proxied.db);
    await login(proxied, user.username, WRONG, PROXY, { 'x-forwarded-for': '203.0.113.9' });
    await login(proxied, user.username, user.password, '10.201.3.4', {
      'x-forwarded-for': '198.51.100.7',
    });
    // not a configured proxy: its claim is ignored
    await login(proxied, user.username, WRONG, '10.202.0.1', { 'x-forwarded-for': '192.0.2.1' });
    expect(await loginAddresses(proxied, user)).toEqual([
      '203.0.113.9',
      '198.51.100.7',
      '10.202.0.1',
    ]);

    // five failures at one name behind the proxy back off that client, not the proxy's other clients
    for (let i = 0; i < 5; i++)
      await login(proxied, 'guessed', WRONG, PROXY, { 'x-forwarded-for': '203.0.113.50' });
    const client = await login(proxied, 'guessed', WRONG, PROXY, {
      'x-forwarded-for': '203.0.113.50',
    });
    expect(client.status).toBe(429);
    const other = await login(proxied, 'guessed', WRONG, PROXY, {
      'x-forwarded-for': '203.0.113.51',
    });
    expect(other.status).toBe(401);
  });
});
