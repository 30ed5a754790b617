import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../db/client.ts';
import { permissionsOf } from '../../platform/access/permissions.ts';
import { actorsFor, call, logIn, type Session } from '../../test/actors.ts';
import { makeOrganisation, makeStreet, makeUser, type TestUser } from '../../test/factories.ts';
import { HOUR, MINUTE, createTestApp, type TestApp } from '../../test/harness.ts';
import { sessions } from './tables.ts';

/** Sign-in, sessions and lockout, through the real routes. */

let t: TestApp;
let as: ReturnType<typeof actorsFor>;
let address = 0;
/** A fresh caller address per test, so that the per-address login throttle counts only that test. */
const nextAddress = () => `10.0.${Math.floor(++address / 250)}.${(address % 250) + 1}`;

beforeAll(async () => {
  t = await createTestApp();
  as = actorsFor(t);
});
afterAll(async () => {
  await t?.close();
});

const login = (username: string, password: string, opts: { lang?: string; from?: string } = {}) =>
  call(t, null, {
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
    ...(opts.lang ? { headers: { 'accept-language': opts.lang } } : {}),
    ...(opts.from ? { remoteAddress: opts.from } : {}),
  });
const me = (session: Session) => call(t, session, { method: 'GET', url: '/api/auth/me' });

async function sessionEnd(session: Session) {
  const [row] = await t.db
    .select({ endedAt: sessions.endedAt, endReason: sessions.endReason })
    .from(sessions)
    .where(eq(sessions.userId, session.user.id))
    .orderBy(sql`${sessions.createdAt} desc`)
    .limit(1);
  return row;
}

describe('POST /api/auth/login', () => {
  it('sets an httpOnly, SameSite=Lax session cookie for the whole site and answers who signed in', async () => {
    const street = await makeStreet(t.db);
    const user = await makeUser(t.db, { role: 'street_officer', divisionCode: street.code });
    const { status, body, res } = await login(user.username, user.password);
    expect(status).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'guanai_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/', maxAge: 12 * 3600 });
    expect(cookie?.value.length).toBeGreaterThanOrEqual(40);
    expect(body).toMatchObject({
      id: user.id,
      username: user.username,
      role: 'street_officer',
      scope: { divisionCode: street.code, divisionName: street.name, organisationId: null },
      permissions: permissionsOf('street_officer'),
      locked: false,
      disabled: false,
    });
    expect(body.lastLoginAt).toBe(t.clock.now().toISOString());
  });

  it('answers as 上次登录 the login before the current session (time and address), not the current one', async () => {
    const street = await makeStreet(t.db);
    const user = await makeUser(t.db, { role: 'street_officer', divisionCode: street.code });
    const session = (res: { res: { cookies: { name: string; value: string }[] } }): Session => {
      const cookie = `guanai_session=${res.res.cookies.find((c) => c.name === 'guanai_session')?.value}`;
      return { user, cookie, headers: { cookie } };
    };
    const first = await login(user.username, user.password, { from: '10.9.0.1' });
    expect(first.body.previousLogin).toBeNull();
    const firstAt = t.clock.now().toISOString();
    t.clock.advance(5 * MINUTE);
    const second = await login(user.username, user.password, { from: '10.9.0.2' });
    const previous = { at: firstAt, ip: '10.9.0.1' };
    expect(second.body.previousLogin).toEqual(previous);
    expect((await me(session(second))).body.previousLogin).toEqual(previous);
    // A third login elsewhere does not change what the second session calls its previous one.
    const secondAt = t.clock.now().toISOString();
    t.clock.advance(MINUTE);
    const third = await login(user.username, user.password, { from: '10.9.0.3' });
    expect(third.body.previousLogin).toEqual({ at: secondAt, ip: '10.9.0.2' });
    expect((await me(session(second))).body.previousLogin).toEqual(previous);
    expect((await me(session(first))).body.previousLogin).toBeNull();
  });

  it('keeps only a hash of the session token in the database', async () => {
    const session = await as.asStreetOfficer();
    const token = session.cookie.split('=')[1] ?? '';
    const found = await rows<{ token_hash: string }>(
      t.db,
      sql`select token_hash from sessions where user_id = ${session.user.id}`,
    );
    expect(found).toHaveLength(1);
    expect(found[0]?.token_hash).not.toContain(token);
    expect(found[0]?.token_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('matches the username case-insensitively', async () => {
    const user = await makeUser(t.db);
    expect((await login(user.username.toUpperCase(), user.password)).status).toBe(200);
  });

  it('answers a wrong password with 401 auth.invalid_credentials and a Chinese message by default', async () => {
    const user = await makeUser(t.db);
    const { status, body, res } = await login(user.username, 'Wrong#Pass2025', {
      from: nextAddress(),
    });
    expect(status).toBe(401);
    expect(body).toEqual({
      error: {
        code: 'auth.invalid_credentials',
        message: '用户名或密码错误；连续失败 5 次将锁定账户 30 分钟',
      },
    });
    expect(res.cookies.find((c) => c.name === 'guanai_session')).toBeUndefined();
  });

  it('answers in English when Accept-Language asks for en-US', async () => {
    const user = await makeUser(t.db);
    const { status, body } = await login(user.username, 'Wrong#Pass2025', {
      lang: 'en-US',
      from: nextAddress(),
    });
    expect(status).toBe(401);
    expect(body.error).toEqual({
      code: 'auth.invalid_credentials',
      message:
        'Wrong username or password; after 5 failures in a row the account is locked for 30 minutes',
    });
  });

  it('answers an unknown username exactly as a wrong password, so accounts cannot be discovered', async () => {
    const user = await makeUser(t.db);
    const from = nextAddress();
    const unknown = await login('nobody-here', 'Wrong#Pass2025', { from });
    const wrong = await login(user.username, 'Wrong#Pass2025', { from });
    expect(unknown.status).toBe(wrong.status);
    expect(unknown.body).toEqual(wrong.body);
  });

  it('audits every attempt, failed or not, with the address it came from', async () => {
    const user = await makeUser(t.db);
    const from = nextAddress();
    await login(user.username, 'Wrong#Pass2025', { from });
    await login(user.username, user.password, { from });
    const audited = await rows<{ success: boolean; reason: string | null; ip: string }>(
      t.db,
      sql`select success, reason, ip from audit_log where action = 'auth.login' and entity_id = ${user.id} order by id`,
    );
    expect(audited).toEqual([
      { success: false, reason: 'wrong_password', ip: from },
      { success: true, reason: null, ip: from },
    ]);
  });
});

describe('lockout', () => {
  async function failTimes(user: TestUser, times: number, from: string) {
    const statuses: number[] = [];
    for (let i = 0; i < times; i++)
      statuses.push((await login(user.username, 'Wrong#Pass2025', { from })).status);
    return statuses;
  }

  it('locks the account on the fifth failure and refuses even the right password for 30 minutes, answering as for a wrong one', async () => {
    const user = await makeUser(t.db);
    const from = nextAddress();
    expect(await failTimes(user, 5, from)).toEqual([401, 401, 401, 401, 401]);
    const [locked] = await rows<{ locked_until: string | Date | null }>(
      t.db,
      sql`select locked_until from users where id = ${user.id}`,
    );
    expect(new Date(locked?.locked_until ?? 0).getTime()).toBe(
      t.clock.now().getTime() + 30 * MINUTE,
    );

    // from another address: the pair's back-off is not what refuses here, the lock is
    const wrong = await login(user.username, 'Wrong#Pass2025', { from: nextAddress() });
    const right = await login(user.username, user.password, { from: nextAddress() });
    expect(right.status).toBe(401);
    expect(right.body).toEqual(wrong.body);
    expect(right.res.cookies.find((c) => c.name === 'guanai_session')).toBeUndefined();
    t.clock.advance(29 * MINUTE);
    expect((await login(user.username, user.password, { from: nextAddress() })).status).toBe(401);

    t.clock.advance(MINUTE + 1000);
    expect((await login(user.username, user.password, { from: nextAddress() })).status).toBe(200);
  });

  it('records the lock in the audit log', async () => {
    const user = await makeUser(t.db);
    await failTimes(user, 5, nextAddress());
    const locks = await rows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from audit_log where action = 'auth.lock' and entity_id = ${user.id}`,
    );
    expect(locks[0]?.n).toBe(1);
  });

  it('counts concurrent failures one by one: five at once lock the account', async () => {
    const session = await as.asStreetOfficer();
    const { username, password } = session.user;
    const attempts = await Promise.all(
      Array.from({ length: 5 }, () => login(username, 'Wrong#Pass2025', { from: nextAddress() })),
    );
    expect(attempts.map((a) => a.status)).toEqual([401, 401, 401, 401, 401]);
    const right = await login(username, password, { from: nextAddress() });
    expect(right.status).toBe(401);
    expect(right.body.error.code).toBe('auth.invalid_credentials');
  });

  it('a successful sign-in resets the count of failures', async () => {
    const user = await makeUser(t.db);
    const from = nextAddress();
    await failTimes(user, 4, from);
    expect((await login(user.username, user.password, { from })).status).toBe(200);
    expect(await failTimes(user, 4, from)).toEqual([401, 401, 401, 401]);
  });

  it('an administrator can lift a lockout early', async () => {
    const admin = await as.asAdmin();
    const user = await makeUser(t.db);
    await failTimes(user, 5, nextAddress());
    const unlocked = await call(t, admin, {
      method: 'PATCH',
      url: `/api/users/${user.id}`,
      payload: { unlock: true },
    });
    expect(unlocked.status).toBe(200);
    expect(unlocked.body.locked).toBe(false);
    expect((await login(user.username, user.password, { from: nextAddress() })).status).toBe(200);
  });
});

describe('sessions', () => {
  it('GET /api/auth/me answers the role, permissions and scope of the signed-in user', async () => {
    const org = await makeOrganisation(t.db, { kind: 'service_org' });
    const session = await as.asOrgAdmin(org);
    const { status, body } = await me(session);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      id: session.user.id,
      role: 'org_admin',
      permissions: permissionsOf('org_admin'),
      scope: { divisionCode: org.divisionCode, organisationId: org.id, organisationName: org.name },
    });
  });

  it('an unscoped admin has every permission and a null scope', async () => {
    const { body } = await me(await as.asAdmin());
    expect(body.permissions).toEqual(permissionsOf('admin'));
    expect(body.scope).toEqual({
      divisionCode: null,
      divisionName: null,
      organisationId: null,
      organisationName: null,
    });
  });

  it('ends a session after 15 minutes without requests: at 16 minutes /api/auth/me is 401', async () => {
    const session = await as.asStreetOfficer();
    t.clock.advance(14 * MINUTE);
    expect((await me(session)).status).toBe(200);
    t.clock.advance(16 * MINUTE);
    const expired = await me(session);
    expect(expired.status).toBe(401);
    expect(expired.body.error.code).toBe('common.session_expired');
    expect(expired.body.error.message).toBe('登录已超时，请重新登录');
    expect(await sessionEnd(session)).toMatchObject({ endReason: 'idle' });
    t.clock.advance(-16 * MINUTE);
    const again = await me(session);
    expect(again.status).toBe(401);
    expect(again.body.error.code).toBe('common.session_expired');
  });

  it('ends a session 12 hours after sign-in even when it was used all along', async () => {
    const session = await as.asStreetOfficer();
    for (let elapsed = 0; elapsed < 11 * HOUR + 50 * MINUTE; elapsed += 10 * MINUTE) {
      t.clock.advance(10 * MINUTE);
      expect((await me(session)).status).toBe(200);
    }
    t.clock.advance(11 * MINUTE);
    const expired = await me(session);
    expect(expired.status).toBe(401);
    expect(expired.body.error.code).toBe('common.session_expired');
    expect(await sessionEnd(session)).toMatchObject({ endReason: 'expired' });
  });

  it('logout ends this session and clears the cookie, and leaves the user’s other sessions alone', async () => {
    const session = await as.asStreetOfficer();
    const other = await logIn(t, session.user);
    const out = await call(t, session, { method: 'POST', url: '/api/auth/logout' });
    expect(out.status).toBe(200);
    const cleared = out.res.cookies.find((c) => c.name === 'guanai_session');
    expect(cleared?.value).toBe('');
    expect(out.res.headers['clear-site-data']).toContain('storage');
    const after = await me(session);
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('common.unauthenticated');
    expect((await me(other)).status).toBe(200);
    const audited = await rows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from audit_log where action = 'auth.logout' and user_id = ${session.user.id}`,
    );
    expect(audited[0]?.n).toBe(1);
  });

  it('disabling a user ends their sessions and refuses their sign-in until enabled again', async () => {
    const admin = await as.asAdmin();
    const session = await as.asStreetOfficer();
    const second = await logIn(t, session.user);
    const disabled = await call(t, admin, {
      method: 'PATCH',
      url: `/api/users/${session.user.id}`,
      payload: { disabled: true },
    });
    expect(disabled.status).toBe(200);
    expect(disabled.body.disabled).toBe(true);
    expect((await me(session)).status).toBe(401);
    expect((await me(second)).status).toBe(401);
    const refused = await login(session.user.username, session.user.password, {
      from: nextAddress(),
    });
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('auth.invalid_credentials');

    await call(t, admin, {
      method: 'PATCH',
      url: `/api/users/${session.user.id}`,
      payload: { disabled: false },
    });
    expect((await login(session.user.username, session.user.password)).status).toBe(200);
  });

  it('changing a user’s role or scope ends their sessions', async () => {
    const admin = await as.asAdmin();
    const session = await as.asStreetOfficer();
    const street = await makeStreet(t.db);
    const moved = await call(t, admin, {
      method: 'PATCH',
      url: `/api/users/${session.user.id}`,
      payload: { divisionCode: street.code },
    });
    expect(moved.status).toBe(200);
    expect((await me(session)).status).toBe(401);
    expect(await sessionEnd(session)).toMatchObject({ endReason: 'scope_changed' });
  });

  it('a password reset by an administrator ends the user’s sessions and replaces the password', async () => {
    const admin = await as.asAdmin();
    const session = await as.asStreetOfficer();
    const reset = await call(t, admin, {
      method: 'POST',
      url: `/api/users/${session.user.id}/reset-password`,
      payload: { newPassword: 'Fresh#Start2026' },
    });
    expect(reset.status).toBe(200);
    expect((await me(session)).status).toBe(401);
    expect(
      (await login(session.user.username, session.user.password, { from: nextAddress() })).status,
    ).toBe(401);
    expect((await login(session.user.username, 'Fresh#Start2026')).status).toBe(200);
  });
});

describe('POST /api/auth/password', () => {
  it('changes the password after checking the current one', async () => {
    const session = await as.asStreetOfficer();
    const changed = await call(t, session, {
      method: 'POST',
      url: '/api/auth/password',
      payload: { currentPassword: session.user.password, newPassword: 'Changed#Pass2026' },
    });
    expect(changed.status).toBe(200);
    expect((await login(session.user.username, 'Changed#Pass2026')).status).toBe(200);
  });

  it('refuses a wrong current password (400 auth.wrong_password on currentPassword)', async () => {
    const session = await as.asStreetOfficer();
    const { status, body } = await call(t, session, {
      method: 'POST',
      url: '/api/auth/password',
      payload: { currentPassword: 'Not#MyPass2025', newPassword: 'Changed#Pass2026' },
    });
    expect(status).toBe(400);
    expect(body.error.code).toBe('auth.wrong_password');
    expect(body.error.fields).toEqual([
      expect.objectContaining({ field: 'currentPassword', code: 'auth.wrong_password' }),
    ]);
  });

  it('applies the password policy to the new password and names the field newPassword', async () => {
    const session = await as.asStreetOfficer();
    const { status, body } = await call(t, session, {
      method: 'POST',
      url: '/api/auth/password',
      payload: { currentPassword: session.user.password, newPassword: 'short' },
    });
    expect(status).toBe(400);
    expect(body.error.code).toBe('user.password_too_short');
    expect(body.error.fields).toEqual([expect.objectContaining({ field: 'newPassword' })]);
  });

  it('signs out the account’s other sessions and keeps this one', async () => {
    const session = await as.asStreetOfficer();
    const other = await logIn(t, session.user);
    const changed = await call(t, session, {
      method: 'POST',
      url: '/api/auth/password',
      payload: { currentPassword: session.user.password, newPassword: 'Changed#Pass2026' },
    });
    expect(changed.status).toBe(200);
    expect((await me(session)).status).toBe(200);
    expect((await me(other)).status).toBe(401);
    const ended = await t.db
      .select({ endReason: sessions.endReason })
      .from(sessions)
      .where(eq(sessions.userId, session.user.id));
    expect(ended.map((e) => String(e.endReason)).sort()).toEqual(['null', 'password_change']);
  });

  it('refuses the current password as the new one (400 user.password_unchanged on newPassword)', async () => {
    const session = await as.asStreetOfficer();
    const { status, body } = await call(t, session, {
      method: 'POST',
      url: '/api/auth/password',
      payload: { currentPassword: session.user.password, newPassword: session.user.password },
    });
    expect(status).toBe(400);
    expect(body.error.code).toBe('user.password_unchanged');
    expect(body.error.fields).toEqual([expect.objectContaining({ field: 'newPassword' })]);
  });
});
