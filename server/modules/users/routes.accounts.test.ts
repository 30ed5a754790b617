import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../db/client.ts';
import { actorsFor, call, type Session } from '../../test/actors.ts';
import {
  TEST_PASSWORD,
  makeCommunity,
  makeDistrict,
  makeOrganisation,
  makeStreet,
  makeUser,
} from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { users } from './tables.ts';

/** Managing accounts through the real routes: who may grant what, password policy, idempotency, phones. */

let t: TestApp;
let as: ReturnType<typeof actorsFor>;
let admin: Session;
let n = 0;
const username = () => `acct-${Date.now().toString(36)}-${++n}`;

beforeAll(async () => {
  t = await createTestApp();
  as = actorsFor(t);
  admin = await as.asAdmin();
});
afterAll(async () => {
  await t?.close();
});

const createUser = (
  session: Session,
  payload: Record<string, unknown>,
  headers?: Record<string, string>,
) =>
  call(t, session, {
    method: 'POST',
    url: '/api/users',
    payload: { username: username(), displayName: '测试账户', password: TEST_PASSWORD, ...payload },
    ...(headers ? { headers } : {}),
  });

const fieldsOf = (body: { error: { fields?: { field: string; code: string }[] } }) =>
  (body.error.fields ?? []).map((f) => `${f.field}:${f.code}`);

describe('POST /api/users: role and scope', () => {
  it('creates a street officer for a street (201) and audits it', async () => {
    const street = await makeStreet(t.db);
    const { status, body } = await createUser(admin, {
      role: 'street_officer',
      divisionCode: street.code,
    });
    expect(status).toBe(201);
    expect(body).toMatchObject({
      role: 'street_officer',
      scope: { divisionCode: street.code, divisionName: street.name },
    });
    const audited = await rows<{ username: string; detail: { role: string } }>(
      t.db,
      sql`select username, detail from audit_log where action = 'user.create' and entity_id = ${body.id}`,
    );
    expect(audited).toEqual([
      {
        username: admin.user.username,
        detail: expect.objectContaining({ role: 'street_officer' }),
      },
    ]);
  });

  it('refuses a street officer scoped to a district or a community (400 user.division_level_invalid on divisionCode, naming the level)', async () => {
    const community = await makeCommunity(t.db);
    const district = await makeDistrict(t.db);
    for (const code of [district.code, community.code]) {
      const { status, body } = await createUser(admin, {
        role: 'street_officer',
        divisionCode: code,
      });
      expect(status).toBe(400);
      expect(body.error.code).toBe('user.division_level_invalid');
      expect(body.error.message).toBe('该角色的数据范围应为街道级区划');
      expect(body.error.fields[0].message).toContain('该角色的数据范围应为街道级区划');
      expect(fieldsOf(body)).toEqual(['divisionCode:user.division_level_invalid']);
    }
  });

  it('refuses a street officer without a division', async () => {
    const { status, body } = await createUser(admin, { role: 'street_officer' });
    expect(status).toBe(400);
    expect(fieldsOf(body)).toEqual(['divisionCode:user.division_level_invalid']);
  });

  it('refuses a division code that does not exist (400 user.scope_outside)', async () => {
    const street = await makeStreet(t.db);
    const missing = street.code.slice(0, 6) + '999000';
    const { status, body } = await createUser(admin, {
      role: 'street_officer',
      divisionCode: missing,
    });
    expect(status).toBe(400);
    expect(body.error.code).toBe('user.scope_outside');
  });

  it('a district admin cannot create an admin (403 user.role_not_assignable on role)', async () => {
    const districtAdmin = await as.asDistrictAdmin();
    const { status, body } = await createUser(districtAdmin, { role: 'admin' });
    expect(status).toBe(403);
    expect(body.error.code).toBe('user.role_not_assignable');
    expect(fieldsOf(body)).toEqual(['role:user.role_not_assignable']);
  });

  it('a district admin creates users only inside its district (400 user.scope_outside elsewhere)', async () => {
    const districtAdmin = await as.asDistrictAdmin();
    const inside = await makeStreet(t.db, { districtCode: districtAdmin.user.divisionCode ?? '' });
    const outside = await makeStreet(t.db);
    expect(
      (await createUser(districtAdmin, { role: 'street_officer', divisionCode: inside.code }))
        .status,
    ).toBe(201);
    const refused = await createUser(districtAdmin, {
      role: 'street_officer',
      divisionCode: outside.code,
    });
    expect(refused.status).toBe(400);
    expect(fieldsOf(refused.body)).toEqual(['divisionCode:user.scope_outside']);
  });

  it('an organisation admin creates field staff only in its own organisation', async () => {
    const org = await makeOrganisation(t.db, { kind: 'service_org' });
    const otherOrg = await makeOrganisation(t.db, {
      kind: 'service_org',
      divisionCode: org.divisionCode,
    });
    const orgAdmin = await as.asOrgAdmin(org);
    const street = await makeStreet(t.db, { districtCode: org.divisionCode });

    const own = await createUser(orgAdmin, {
      role: 'visitor',
      divisionCode: street.code,
      organisationId: org.id,
    });
    expect(own.status).toBe(201);
    expect(own.body.scope).toMatchObject({ organisationId: org.id, organisationName: org.name });

    const other = await createUser(orgAdmin, {
      role: 'visitor',
      divisionCode: street.code,
      organisationId: otherOrg.id,
    });
    expect(other.status).toBe(400);
    expect(fieldsOf(other.body)).toEqual(['organisationId:user.scope_outside']);

    const officer = await createUser(orgAdmin, {
      role: 'street_officer',
      divisionCode: street.code,
    });
    expect(officer.status).toBe(403);
    expect(officer.body.error.code).toBe('user.role_not_assignable');
  });

  it('field staff need an organisation of the right kind (a provider will not do for a visitor)', async () => {
    const provider = await makeOrganisation(t.db, { kind: 'provider' });
    const missing = await createUser(admin, {
      role: 'visitor',
      divisionCode: provider.divisionCode,
    });
    expect(fieldsOf(missing.body)).toEqual(['organisationId:user.organisation_kind_invalid']);
    const wrongKind = await createUser(admin, {
      role: 'visitor',
      divisionCode: provider.divisionCode,
      organisationId: provider.id,
    });
    expect(wrongKind.status).toBe(400);
    expect(wrongKind.body.error.message).toBe('该角色应属于服务机构');
    expect(fieldsOf(wrongKind.body)).toEqual(['organisationId:user.organisation_kind_invalid']);
  });

  it('refuses a taken username (409 user.username_taken on username)', async () => {
    const existing = await makeUser(t.db);
    const street = await makeStreet(t.db);
    const { status, body } = await createUser(admin, {
      username: existing.username,
      role: 'street_officer',
      divisionCode: street.code,
    });
    expect(status).toBe(409);
    expect(fieldsOf(body)).toEqual(['username:user.username_taken']);
  });

  it('refuses a malformed username, naming the field', async () => {
    const street = await makeStreet(t.db);
    const { status, body } = await createUser(admin, {
      username: '9 lives',
      role: 'street_officer',
      divisionCode: street.code,
    });
    expect(status).toBe(400);
    expect(body.error.code).toBe('common.invalid_input');
    expect(body.error.fields.map((f: { field: string }) => f.field)).toEqual(['username']);
  });

  it('an administrator cannot disable or re-scope their own account', async () => {
    const districtAdmin = await as.asDistrictAdmin();
    const self = `/api/users/${districtAdmin.user.id}`;
    const disable = await call(t, districtAdmin, {
      method: 'PATCH',
      url: self,
      payload: { disabled: true },
    });
    expect(disable.status).toBe(403);
    expect(disable.body.error.code).toBe('user.cannot_change_self');
    expect(
      (
        await call(t, districtAdmin, {
          method: 'PATCH',
          url: self,
          payload: { role: 'district_officer' },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await call(t, districtAdmin, {
          method: 'PATCH',
          url: self,
          payload: { displayName: '新名字' },
        })
      ).status,
    ).toBe(200);
  });
});

describe('POST /api/users: password policy', () => {
  it.each([
    ['Ab1!', 'user.password_too_short'],
    ['abcdefgh', 'user.password_too_simple'],
    ['Password1', 'user.password_common'],
  ])('refuses %s with 400 %s on the field password', async (password, code) => {
    const street = await makeStreet(t.db);
    const { status, body } = await createUser(admin, {
      password,
      role: 'street_officer',
      divisionCode: street.code,
    });
    expect(status).toBe(400);
    expect(body.error.code).toBe(code);
    expect(fieldsOf(body)).toEqual([`password:${code}`]);
    expect(body.error.fields[0].message).toMatch(/^密码：/);
  });

  it('refuses a password containing the username', async () => {
    const street = await makeStreet(t.db);
    const name = username();
    const { body } = await createUser(admin, {
      username: name,
      password: `X#1${name}`,
      role: 'street_officer',
      divisionCode: street.code,
    });
    expect(fieldsOf(body)).toEqual(['password:user.password_contains_username']);
  });

  it('says the minimum length in the caller’s language', async () => {
    const street = await makeStreet(t.db);
    const { body } = await call(t, admin, {
      method: 'POST',
      url: '/api/users',
      headers: { 'accept-language': 'en-US' },
      payload: {
        username: username(),
        displayName: 'x',
        password: 'Ab1!',
        role: 'street_officer',
        divisionCode: street.code,
      },
    });
    expect(body.error.message).toBe('The password needs at least 8 characters');
  });
});

describe('POST /api/users: Idempotency-Key', () => {
  it('a retry with the same key creates one user and answers the same', async () => {
    const street = await makeStreet(t.db);
    const payload = {
      username: username(),
      displayName: '重试',
      password: TEST_PASSWORD,
      role: 'street_officer',
      divisionCode: street.code,
    };
    const headers = { 'idempotency-key': `create-${payload.username}` };
    const first = await call(t, admin, { method: 'POST', url: '/api/users', payload, headers });
    const retry = await call(t, admin, { method: 'POST', url: '/api/users', payload, headers });
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    const made = await t.db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.username, payload.username));
    expect(made).toHaveLength(1);
    const audited = await rows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from audit_log where action = 'user.create' and entity_id = ${first.body.id}`,
    );
    expect(audited[0]?.n).toBe(1);
  });

  it('the same key with a different body is refused with 422 common.idempotency_mismatch', async () => {
    const street = await makeStreet(t.db);
    const headers = { 'idempotency-key': `mismatch-${username()}` };
    const base = {
      displayName: '重试',
      password: TEST_PASSWORD,
      role: 'street_officer',
      divisionCode: street.code,
    };
    expect(
      (
        await call(t, admin, {
          method: 'POST',
          url: '/api/users',
          payload: { ...base, username: username() },
          headers,
        })
      ).status,
    ).toBe(201);
    const second = await call(t, admin, {
      method: 'POST',
      url: '/api/users',
      payload: { ...base, username: username() },
      headers,
    });
    expect(second.status).toBe(422);
    expect(second.body.error.code).toBe('common.idempotency_mismatch');
  });

  it('a failed write frees its key, so the corrected request may reuse it', async () => {
    const street = await makeStreet(t.db);
    const headers = { 'idempotency-key': `retry-after-error-${username()}` };
    const payload = {
      username: username(),
      displayName: '重试',
      password: 'short',
      role: 'street_officer',
      divisionCode: street.code,
    };
    expect(
      (await call(t, admin, { method: 'POST', url: '/api/users', payload, headers })).status,
    ).toBe(400);
    const fixed = await call(t, admin, {
      method: 'POST',
      url: '/api/users',
      payload: { ...payload, password: TEST_PASSWORD },
      headers,
    });
    expect(fixed.status).toBe(201);
  });

  it('refuses a key shorter than 8 characters (400 idempotency.key_invalid)', async () => {
    const street = await makeStreet(t.db);
    const { status, body } = await createUser(
      admin,
      { role: 'street_officer', divisionCode: street.code },
      { 'idempotency-key': 'short' },
    );
    expect(status).toBe(400);
    expect(body.error.code).toBe('idempotency.key_invalid');
  });
});

describe('phone numbers', () => {
  it('are stored encrypted (no plain number anywhere in the row) and answered masked', async () => {
    const street = await makeStreet(t.db);
    const created = await createUser(admin, {
      role: 'street_officer',
      divisionCode: street.code,
      phone: '138 0013 8000',
    });
    expect(created.status).toBe(201);
    expect(created.body.phoneMasked).toBe('138****8000');
    expect(JSON.stringify(created.body)).not.toContain('13800138000');

    const [row] = await rows<{ text: string }>(
      t.db,
      sql`select row_to_json(u)::text as text from users u where id = ${created.body.id}`,
    );
    expect(row?.text).not.toContain('13800138000');
    expect(row?.text).not.toContain('0013');
    const [stored] = await t.db.select().from(users).where(eq(users.id, created.body.id));
    expect(t.ctx.sensitive.decrypt(stored?.phoneCipher ?? '')).toBe('13800138000');
    expect(stored?.phoneHash).toBe(t.ctx.sensitive.lookupHash('13800138000'));

    const got = await call(t, admin, { method: 'GET', url: `/api/users/${created.body.id}` });
    expect(got.body.phoneMasked).toBe('138****8000');
    const listed = await call(t, admin, {
      method: 'GET',
      url: '/api/users',
      query: { q: created.body.username },
    });
    expect(JSON.stringify(listed.body)).not.toContain('13800138000');
  });

  it('refuses a number that is not a phone number (400 on phone, by the one phone validator)', async () => {
    const street = await makeStreet(t.db);
    const { status, body } = await createUser(admin, {
      role: 'street_officer',
      divisionCode: street.code,
      phone: '12345',
    });
    expect(status).toBe(400);
    expect(fieldsOf(body)).toEqual(['phone:custom']);
    expect(body.error.fields[0].message).toBe(
      '联系电话：手机号应为11位，固定电话应含区号（如 024-12345678）',
    );
  });

  it('reveal-phone answers the full number and writes a sensitive.reveal audit row with the reason', async () => {
    const target = await makeUser(t.db, { phone: '13800138000', sensitive: t.ctx.sensitive });
    const reason = '家属来电，核实联系方式';
    const { status, body } = await call(t, admin, {
      method: 'POST',
      url: `/api/users/${target.id}/reveal-phone`,
      payload: { reason },
    });
    expect(status).toBe(200);
    expect(body).toEqual({ phone: '13800138000' });
    const audited = await rows<{
      username: string;
      reason: string;
      entity: string;
      detail: unknown;
    }>(
      t.db,
      sql`select username, reason, entity, detail from audit_log where action = 'sensitive.reveal' and entity_id = ${target.id}`,
    );
    expect(audited).toEqual([
      { username: admin.user.username, reason, entity: 'user', detail: { field: 'phone' } },
    ]);
  });

  it('reveal-phone needs a reason, and reveals nothing outside the actor’s scope (404, nothing audited)', async () => {
    const target = await makeUser(t.db, { phone: '13900139000', sensitive: t.ctx.sensitive });
    const noReason = await call(t, admin, {
      method: 'POST',
      url: `/api/users/${target.id}/reveal-phone`,
      payload: {},
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.fields.map((f: { field: string }) => f.field)).toEqual(['reason']);

    const elsewhere = await as.asDistrictAdmin();
    const hidden = await call(t, elsewhere, {
      method: 'POST',
      url: `/api/users/${target.id}/reveal-phone`,
      payload: { reason: '越权查看' },
    });
    expect(hidden.status).toBe(404);
    expect(hidden.body.error.code).toBe('user.not_found');
    const audited = await rows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from audit_log where action = 'sensitive.reveal' and entity_id = ${target.id}`,
    );
    expect(audited[0]?.n).toBe(0);
  });
});
