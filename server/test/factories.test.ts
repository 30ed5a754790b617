import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { divisions } from '../modules/divisions/tables.ts';
import { roleScopeRules } from '../modules/users/contract.ts';
import { roles } from '../platform/contract/common.ts';
import { divisionLevel, parentDivisionCode } from '../platform/contract/divisions.ts';
import { actorsFor, call } from './actors.ts';
import {
  makeCommunity,
  makeDistrict,
  makeDivisionTree,
  makeGrid,
  makeOrganisation,
  makeSiblings,
  makeStreet,
  makeUser,
} from './factories.ts';
import { MINUTE, createTestApp, createTestClock, type TestApp } from './harness.ts';

/** The harness itself: the guard tests are only as good as the data and actors it makes. */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('division factories', () => {
  it('make codes of the level they promise, under parents that exist', async () => {
    const made = [
      await makeDistrict(t.db),
      await makeStreet(t.db),
      await makeCommunity(t.db),
      await makeGrid(t.db),
    ];
    expect(made.map((d) => divisionLevel(d.code))).toEqual([
      'district',
      'street',
      'community',
      'grid',
    ]);
    for (const division of made) {
      const ancestors: string[] = [];
      for (let code = parentDivisionCode(division.code); code; code = parentDivisionCode(code))
        ancestors.push(code);
      const found = await t.db
        .select({ code: divisions.code })
        .from(divisions)
        .where(inArray(divisions.code, ancestors));
      expect(found.map((d) => d.code).sort()).toEqual([...ancestors].sort());
    }
  });

  it('never hand out the same code twice', async () => {
    const districts = await Promise.all(Array.from({ length: 60 }, () => makeDistrict(t.db)));
    expect(new Set(districts.map((d) => d.code)).size).toBe(60);
    const district = districts[0]?.code ?? '';
    const streets = [];
    for (let i = 0; i < 30; i++) streets.push(await makeStreet(t.db, { districtCode: district }));
    expect(new Set(streets.map((s) => s.code)).size).toBe(30);
  });

  it('make siblings under one parent, and a tree of two streets with two communities each', async () => {
    for (const level of ['district', 'street', 'community'] as const) {
      const [a, b] = await makeSiblings(t.db, level);
      expect(a.code).not.toBe(b.code);
      expect(parentDivisionCode(a.code)).toBe(parentDivisionCode(b.code));
      expect([divisionLevel(a.code), divisionLevel(b.code)]).toEqual([level, level]);
    }
    const tree = await makeDivisionTree(t.db);
    for (const [i, street] of tree.streets.entries()) {
      expect(street.parentCode).toBe(tree.district.code);
      for (const community of tree.communities[i] ?? [])
        expect(community.parentCode).toBe(street.code);
    }
  });
});

describe('makeUser', () => {
  it.each(roles)(
    'gives a %s a scope its role allows, and a password that signs in',
    async (role) => {
      const user = await makeUser(t.db, { role });
      const rule = roleScopeRules[role];
      if (user.divisionCode)
        expect(rule.divisionLevels).toContain(divisionLevel(user.divisionCode));
      else expect(rule.divisionRequired).toBe(false);
      if (rule.organisationKinds) expect(user.organisationId).not.toBeNull();
      const { status, body } = await call(t, null, {
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: user.username, password: user.password },
      });
      expect(status).toBe(200);
      expect(body.role).toBe(role);
    },
  );

  it('places a user where told, in the organisation told', async () => {
    const street = await makeStreet(t.db);
    const org = await makeOrganisation(t.db, { divisionCode: street.code });
    const user = await makeUser(t.db, {
      role: 'visitor',
      divisionCode: street.code,
      organisationId: org.id,
    });
    expect(user).toMatchObject({ divisionCode: street.code, organisationId: org.id });
  });
});

describe('actor builders', () => {
  it('log in through the API and read as who they are', async () => {
    const street = await makeStreet(t.db);
    const officer = await actorsFor(t).asStreetOfficer(street);
    const { status, body } = await call(t, officer, { method: 'GET', url: '/api/auth/me' });
    expect(status).toBe(200);
    expect(body).toMatchObject({ role: 'street_officer', scope: { divisionCode: street.code } });
  });
});

describe('the test clock', () => {
  it('moves only when told', () => {
    const clock = createTestClock(new Date('2025-01-01T00:00:00Z'));
    expect(clock.now().toISOString()).toBe('2025-01-01T00:00:00.000Z');
    clock.advance(16 * MINUTE);
    expect(clock.now().toISOString()).toBe('2025-01-01T00:16:00.000Z');
    clock.set(new Date('2025-06-01T08:00:00Z'));
    expect(clock.now().toISOString()).toBe('2025-06-01T08:00:00.000Z');
  });
});
