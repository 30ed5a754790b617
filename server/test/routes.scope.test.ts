import ExcelJS from '../platform/excel/exceljs.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roleScopeRules } from '../modules/users/contract.ts';
import { permissionsOf } from '../platform/access/permissions.ts';
import { roles, type Role } from '../platform/contract/common.ts';
import { isWithinDivision } from '../platform/contract/divisions.ts';
import { logIn, loggedIn, type Session } from './actors.ts';
import { endpointFixtures, type FixtureContext } from './endpoint-fixtures.ts';
import { allEndpoints, describeEndpoint, send, type NamedEndpoint } from './endpoints.ts';
import { makeOrganisation, makeSiblings, makeUser } from './factories.ts';
import { createTestApp, type TestApp } from './harness.ts';

/**
 * The cross-scope matrix, generated from the endpoint maps: for every endpoint whose scope rule is
 * 'division', two actors of the same role sit in sibling divisions (two streets of a district, two
 * communities of a street, two districts of a city), each with its own organisation when the role
 * needs one. What one owns, the other never sees: a targeted request answers 404 (never 403, which
 * would confirm that the object exists), a list shows none of it, a create into it is refused;
 * and the owner's identical request succeeds, so the 404 comes from the scope and nothing else.
 */

type Level = 'district' | 'street' | 'community';
const levels: Level[] = ['district', 'street', 'community'];
type Side = { division: string; organisation: string | null; session: Session };

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const scoped = allEndpoints.filter((e) => e.scope === 'division' || e.scope === 'street');
const targeted = scoped.filter((e) => /:(id|key|code|[a-z]+Code)\b/.test(e.path));
/**
 * A search or an export (POST …/search, …/export) is a list whose filters travel in the body; the
 * export of one object (POST …/:id/export) is a targeted request.
 */
const isSearch = (e: NamedEndpoint) =>
  e.method === 'POST' && !e.path.includes(':') && /\/(search|export)$/.test(e.path);
const lists = scoped.filter(
  (e) => !e.upload && ((e.method === 'GET' && !e.path.includes(':')) || isSearch(e)),
);
const creates = scoped.filter(
  (e) => !e.upload && e.method === 'POST' && !e.path.includes(':') && !isSearch(e),
);
/**
 * Uploads: what one uploads for the other's places is refused row by row or as a whole (a stored
 * file: 404). A part of a file goes to an upload begun before, a targeted request.
 */
const uploads = scoped.filter((e) => e.upload && e.upload !== 'part');

/**
 * The roles holding the endpoint's permission that may be scoped to a division of the level. Two
 * communities of one street share what a 'street' endpoint shows (their street's round), so those
 * endpoints are checked between streets and districts.
 */
function rolesAt(e: NamedEndpoint, level: Level): Role[] {
  if (e.scope === 'street' && level === 'community') return [];
  return roles.filter(
    (role) =>
      (permissionsOf(role) as string[]).includes(e.permission) &&
      (roleScopeRules[role].divisionLevels ?? []).includes(level),
  );
}

function casesOf(endpoints: NamedEndpoint[]) {
  return endpoints.flatMap((e) =>
    levels.flatMap((level) =>
      rolesAt(e, level).map((role) => ({ label: describeEndpoint(e), e, level, role })),
    ),
  );
}

const pairs = new Map<string, Promise<[Side, Side]>>();

/** An owner and a sibling of the same role in two sibling divisions of a level (made once per role and level). */
function siblingsOf(role: Role, level: Level): Promise<[Side, Side]> {
  const key = `${role}@${level}`;
  let pair = pairs.get(key);
  if (!pair) {
    pair = (async () => {
      const [a, b] = await makeSiblings(t.db, level);
      const side = async (division: string): Promise<Side> => {
        const kind = roleScopeRules[role].organisationKinds?.[0];
        const organisation = kind
          ? (await makeOrganisation(t.db, { kind, divisionCode: division })).id
          : null;
        const session = await loggedIn(t, {
          role,
          divisionCode: division,
          organisationId: organisation,
        });
        return { division, organisation, session };
      };
      return [await side(a.code), await side(b.code)];
    })();
    pairs.set(key, pair);
  }
  return pair;
}

const stocked = new Map<string, Promise<void>>();

/**
 * Gives the owner's division one of everything (users, organisations, child divisions …), once
 * per owner: every list of theirs then has rows to show, and to keep from the sibling.
 */
function stock(key: string, owner: Side): Promise<void> {
  let done = stocked.get(key);
  if (!done) {
    done = (async () => {
      for (const target of targeted) await fixtureOf(target)(contextOf(owner));
    })();
    stocked.set(key, done);
  }
  return done;
}

function contextOf(side: Side): FixtureContext {
  const { user } = side.session;
  return {
    t,
    actor: side.session,
    division: side.division,
    organisation: side.organisation,
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

function fixtureOf(e: NamedEndpoint) {
  const fixture = endpointFixtures[e.name];
  if (!fixture)
    expect.fail(
      `${describeEndpoint(e)} has no fixture: add "${e.name}" to endpointFixtures in server/test/endpoint-fixtures.ts`,
    );
  return fixture;
}

/** The text of every cell of an .xlsx answer, or the parsed JSON. */
async function contentOf(e: NamedEndpoint, res: { body: unknown; res?: { rawPayload: Buffer } }) {
  if (e.download !== 'xlsx' || !res.res) return res.body;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.res.rawPayload as unknown as ArrayBuffer);
  const cells: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.text)))));
  return cells;
}

/** Every division code anywhere in an answer. */
function divisionCodesIn(value: unknown, found: string[] = []): string[] {
  if (typeof value === 'string' && /^\d{12}(\d{3})?$/.test(value)) found.push(value);
  else if (Array.isArray(value)) for (const v of value) divisionCodesIn(v, found);
  else if (value && typeof value === 'object')
    for (const v of Object.values(value)) divisionCodesIn(v, found);
  return found;
}

describe('the scope rule', () => {
  it('every endpoint scoped by division is checked by this matrix', () => {
    const unchecked = scoped.filter(
      (e) =>
        !targeted.includes(e) && !lists.includes(e) && !creates.includes(e) && !uploads.includes(e),
    );
    expect(
      unchecked.map(describeEndpoint),
      'teach routes.scope.test.ts how to check these endpoints',
    ).toEqual([]);
  });

  it('every endpoint scoped by division is held by some role that sits in a division', () => {
    const untestable = scoped.filter((e) =>
      levels.every((level) => rolesAt(e, level).length === 0),
    );
    expect(untestable.map(describeEndpoint)).toEqual([]);
  });

  it('the matrix covers street and community siblings for the reads of divisions, users and organisations', () => {
    const covered = new Set(casesOf(targeted).map((c) => `${c.e.name}@${c.level}`));
    for (const name of ['getDivision', 'getUser', 'getOrganisation'])
      expect(covered).toContain(`${name}@street`);
    for (const name of ['getDivision', 'getUser']) expect(covered).toContain(`${name}@community`);
  });
});

describe('a targeted request for an object of a sibling division', () => {
  for (const { label, e, level, role } of casesOf(targeted)) {
    it(`${label}: ${role} of a sibling ${level} gets 404 for the other ${level}'s object, which its own ${role} gets`, async () => {
      const [owner, sibling] = await siblingsOf(role, level);
      const request = await fixtureOf(e)(contextOf(owner));
      const other = await send(t, e, request, sibling.session);
      expect(other.status, JSON.stringify(other.body)).toBe(404);
      expect(other.body.error.code).toMatch(/\.not_found$/);
      const own = await send(t, e, request, owner.session);
      expect(own.status, JSON.stringify(own.body)).toBeGreaterThanOrEqual(200);
      expect(own.status, JSON.stringify(own.body)).toBeLessThan(300);
    });
  }
});

describe('a list', () => {
  for (const { label, e, level, role } of casesOf(lists)) {
    it(`${label}: ${role} of a sibling ${level} sees none of the other ${level}'s rows, which its own ${role} sees`, async () => {
      const [owner, sibling] = await siblingsOf(role, level);
      await stock(`${role}@${level}`, owner);
      const request = await fixtureOf(e)(contextOf(owner));

      const own = await send(t, e, request, owner.session);
      expect(own.status).toBe(200);
      const owned = divisionCodesIn(await contentOf(e, own));
      expect(owned.some((code) => isWithinDivision(code, owner.division))).toBe(true);

      const other = await send(t, e, request, sibling.session);
      expect(other.status).toBe(200);
      const leaked = divisionCodesIn(await contentOf(e, other)).filter((code) =>
        isWithinDivision(code, owner.division),
      );
      expect(leaked, JSON.stringify(other.body)).toEqual([]);
    });
  }
});

describe('an upload for a sibling division', () => {
  for (const { label, e, level, role } of casesOf(uploads)) {
    it(`${label}: ${role} of a sibling ${level} gets no row of the other ${level} accepted, where its own ${role} does`, async () => {
      const [owner, sibling] = await siblingsOf(role, level);
      const request = await fixtureOf(e)(contextOf(owner));
      const other = await send(t, e, request, sibling.session);
      if (e.upload === 'file') {
        // a stored file for the other's division: refused whole, as if the division did not exist
        expect(other.status, JSON.stringify(other.body)).toBe(404);
        expect(other.body.error.code).toMatch(/\.division_not_found$/);
      } else if (other.status === 200 && e.download !== 'xlsx') expect(other.body.accepted).toBe(0);
      else expect(other.status, JSON.stringify(other.body)).toBeLessThan(500);
      const own = await send(t, e, request, owner.session);
      expect(own.status, JSON.stringify(own.body)).toBe(200);
      if (e.upload === 'file') expect(own.body.divisionCode).toBe(owner.division);
      else if (e.download !== 'xlsx') expect(own.body.accepted).toBeGreaterThan(0);
    });
  }
});

describe('a create into a sibling division', () => {
  for (const { label, e, level, role } of casesOf(creates)) {
    it(`${label}: ${role} of a sibling ${level} is refused (400 or 404) where its own ${role} may create`, async () => {
      const [owner, sibling] = await siblingsOf(role, level);
      const request = await fixtureOf(e)(contextOf(owner));
      const other = await send(t, e, request, sibling.session);
      expect([400, 404], JSON.stringify(other.body)).toContain(other.status);
      const own = await send(t, e, request, owner.session);
      expect(own.status, JSON.stringify(own.body)).toBeGreaterThanOrEqual(200);
      expect(own.status, JSON.stringify(own.body)).toBeLessThan(300);
    });
  }
});
