import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roleScopeRules } from '../modules/users/contract.ts';
import { permissionsOf } from '../platform/access/permissions.ts';
import { permissionCatalogue, type Permission } from '../platform/contract/permissions.ts';
import { roles, type Role } from '../platform/contract/common.ts';
import { logIn, loggedIn, type Session } from './actors.ts';
import { endpointFixtures, type FixtureContext } from './endpoint-fixtures.ts';
import { allEndpoints, describeEndpoint, send, type NamedEndpoint } from './endpoints.ts';
import { makeDistrict, makeUser } from './factories.ts';
import { createTestApp, type TestApp } from './harness.ts';

/**
 * The route × role guard, generated from the endpoint maps of every module in server/routes.ts:
 * without a session every non-public endpoint answers 401; a role without the endpoint's permission
 * gets 403; a role with it gets through (a 2xx with the fixture's request). A new endpoint needs a
 * fixture in endpoint-fixtures.ts, and a permission change shows in the snapshot.
 */

const FIXTURES_FILE = 'server/test/endpoint-fixtures.ts';

let t: TestApp;
let adminDistrict: string;
const sessions = new Map<Role, Session>();

beforeAll(async () => {
  t = await createTestApp();
  adminDistrict = (await makeDistrict(t.db)).code;
  for (const role of roles) sessions.set(role, await loggedIn(t, { role }));
});
afterAll(async () => {
  await t?.close();
});

function sessionOf(role: Role): Session {
  const session = sessions.get(role);
  if (!session) throw new Error(`no session for ${role}`);
  return session;
}

function contextOf(session: Session): FixtureContext {
  const { user } = session;
  return {
    t,
    actor: session,
    division: user.divisionCode ?? adminDistrict,
    organisation: user.organisationId,
    freshSession: async () =>
      logIn(
        t,
        await makeUser(t.db, {
          role: user.role,
          divisionCode: user.divisionCode,
          organisationId: user.organisationId,
        }),
      ),
  };
}

function holds(role: Role, e: NamedEndpoint): boolean {
  if (e.permission === 'public' || e.permission === 'authenticated') return true;
  return (permissionsOf(role) as string[]).includes(e.permission);
}

function fixtureOf(e: NamedEndpoint) {
  const fixture = endpointFixtures[e.name];
  if (!fixture) {
    expect.fail(
      `${describeEndpoint(e)} has no fixture: add "${e.name}" to endpointFixtures in ${FIXTURES_FILE} ` +
        '(the params, query and body of a request that succeeds), so the permission and scope guards cover it',
    );
  }
  return fixture;
}

describe('the endpoint table', () => {
  it('every endpoint of every registered module has a fixture', () => {
    const missing = allEndpoints.filter((e) => !endpointFixtures[e.name]).map(describeEndpoint);
    expect(missing, `add a fixture to ${FIXTURES_FILE} for: ${missing.join(', ')}`).toEqual([]);
  });

  it('every fixture belongs to an endpoint that still exists', () => {
    const names = new Set(allEndpoints.map((e) => e.name));
    const stale = Object.keys(endpointFixtures).filter((name) => !names.has(name));
    expect(stale, `remove these fixtures from ${FIXTURES_FILE}`).toEqual([]);
  });

  it('endpoint names are unique across modules (fixtures are keyed by name)', () => {
    const names = allEndpoints.map((e) => e.name);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  });

  it('every route is declared once: no two endpoints share a method and path', () => {
    const keys = allEndpoints.map((e) => `${e.method} ${e.path}`);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });

  it('every role appears in the scope rules, and every permission is held by some role', () => {
    for (const role of roles) expect(roleScopeRules[role], role).toBeDefined();
    for (const [permission, holders] of Object.entries(permissionCatalogue))
      expect(holders.length, permission).toBeGreaterThan(0);
  });

  it('matches the reviewed permission snapshot (method, path, permission, scope, roles)', async () => {
    const table = Object.fromEntries(
      [...allEndpoints]
        .sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method))
        .map((e) => [
          `${e.method} ${e.path}`,
          {
            name: e.name,
            permission: e.permission,
            scope: e.scope,
            roles:
              e.permission === 'public'
                ? '(anyone)'
                : e.permission === 'authenticated'
                  ? '(any signed-in user)'
                  : permissionCatalogue[e.permission as Permission].join(' '),
          },
        ]),
    );
    await expect(JSON.stringify(table, null, 2) + '\n').toMatchFileSnapshot(
      './__snapshots__/permissions.snap.json',
    );
  });
});

for (const e of allEndpoints) {
  describe(describeEndpoint(e), () => {
    if (e.permission === 'public') {
      it('is public: answers without a session (no 401 or 403)', async () => {
        const request = await fixtureOf(e)(contextOf(sessionOf('admin')));
        const { status, body } = await send(t, e, request, null);
        expect(status, JSON.stringify(body)).toBeLessThan(300);
      });
    } else {
      it('answers 401 common.unauthenticated without a session, or with a forged one', async () => {
        const request = await fixtureOf(e)(contextOf(sessionOf('admin')));
        const anonymous = await send(t, e, request, null);
        expect(anonymous.status).toBe(401);
        expect(anonymous.body.error.code).toBe('common.unauthenticated');
        const forged = await send(t, e, request, {
          ...sessionOf('admin'),
          headers: { cookie: 'guanai_session=forged-token' },
        });
        expect(forged.status).toBe(401);
      });
    }

    for (const role of roles) {
      const expected = holds(role, e) ? 'gets through' : 'gets 403';
      it(`as ${role}: ${expected === 'gets 403' ? `403 common.forbidden (no ${e.permission})` : 'gets through (neither 401 nor 403, a 2xx)'}`, async () => {
        const session = sessionOf(role);
        const request = await fixtureOf(e)(contextOf(session));
        const { status, body } = await send(t, e, request, request.session ?? session);
        const detail = `${role} → ${describeEndpoint(e)}: ${status} ${JSON.stringify(body)}`;
        if (expected === 'gets 403') {
          expect(status, detail).toBe(403);
          expect(body.error.code, detail).toBe('common.forbidden');
        } else {
          expect([401, 403], detail).not.toContain(status);
          expect(status, detail).toBeGreaterThanOrEqual(200);
          expect(status, detail).toBeLessThan(300);
        }
      });
    }
  });
}
