import { randomBytes, randomInt } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { divisions } from '../modules/divisions/tables.ts';
import type { OrganisationKind } from '../modules/organisations/contract.ts';
import { organisations } from '../modules/organisations/tables.ts';
import { roleScopeRules } from '../modules/users/contract.ts';
import { users } from '../modules/users/tables.ts';
import { hashPassword } from '../platform/access/password.ts';
import type { Role } from '../platform/contract/common.ts';
import {
  divisionLevel,
  divisionPrefix,
  parentDivisionCode,
  type DivisionLevel,
} from '../platform/contract/divisions.ts';
import { maskPhone, type SensitiveCipher } from '../platform/sensitive/sensitive.ts';

/**
 * Factories: `makeX(db, overrides)` writes one X straight into the database, with whatever parents it
 * needs. Every division they make is a fresh subtree (a new district under a random city), so tests
 * share no data even inside one file.
 */

export const TEST_PASSWORD = 'Guanai#Test2025';
export const TEST_ITERATIONS = 1000;

export type TestDivision = {
  code: string;
  name: string;
  level: DivisionLevel;
  parentCode: string | null;
};
export type TestOrganisation = {
  id: string;
  kind: OrganisationKind;
  name: string;
  divisionCode: string;
};
export type TestUser = {
  id: string;
  username: string;
  password: string;
  displayName: string;
  role: Role;
  divisionCode: string | null;
  organisationId: string | null;
};

const levelName: Record<DivisionLevel, string> = {
  province: '省',
  city: '市',
  district: '区',
  street: '街道',
  community: '社区',
  grid: '网格',
};

const two = () => String(randomInt(1, 100)).padStart(2, '0');
const suffix = () => randomBytes(4).toString('hex');

async function insertDivision(
  db: Db,
  code: string,
  name?: string,
  sortOrder = 0,
): Promise<TestDivision | null> {
  const level = divisionLevel(code);
  const parentCode = parentDivisionCode(code);
  const [row] = await db
    .insert(divisions)
    .values({
      code,
      parentCode,
      level,
      name: name ?? `测试${levelName[level]}${code.slice(-6)}`,
      sortOrder,
    })
    .onConflictDoNothing()
    .returning({ code: divisions.code });
  return row
    ? { code, name: name ?? `测试${levelName[level]}${code.slice(-6)}`, level, parentCode }
    : null;
}

/** Tries candidate codes until one is free: a code is never handed out twice in a database. */
async function freshDivision(
  db: Db,
  candidate: () => string,
  name?: string,
): Promise<TestDivision> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const made = await insertDivision(db, candidate(), name);
    if (made) return made;
  }
  throw new Error('no free division code after 200 attempts');
}

/** A code for a new child of `parentCode` that is not taken yet (the row is not written). */
export async function freeChildCode(db: Db, parentCode: string): Promise<string> {
  const childDigits = { province: 2, city: 2, district: 3, street: 3, community: 3, grid: 0 }[
    divisionLevel(parentCode)
  ];
  if (childDigits === 0) throw new Error(`a grid (${parentCode}) has no children`);
  const prefix = divisionPrefix(parentCode);
  const width = prefix.length + childDigits === 15 ? 15 : 12;
  for (let attempt = 0; attempt < 200; attempt++) {
    const child = String(randomInt(1, 10 ** childDigits)).padStart(childDigits, '0');
    const code = (prefix + child).padEnd(width, '0');
    const [taken] = await db
      .select({ code: divisions.code })
      .from(divisions)
      .where(eq(divisions.code, code));
    if (!taken) return code;
  }
  throw new Error(`no free child code under ${parentCode}`);
}

/** A new district under a (random, shared if it exists) city of a random province. */
export async function makeDistrict(
  db: Db,
  overrides: { name?: string } = {},
): Promise<TestDivision> {
  return freshDivision(
    db,
    () => {
      const province = String(randomInt(11, 66));
      const city = `${province}${two()}00000000`;
      return `${city.slice(0, 4)}${two()}000000`;
    },
    overrides.name,
  ).then(async (district) => {
    const city = parentDivisionCode(district.code) as string;
    await insertDivision(db, parentDivisionCode(city) as string);
    await insertDivision(db, city);
    return district;
  });
}

async function makeChild(db: Db, parentCode: string, name?: string): Promise<TestDivision> {
  const code = await freeChildCode(db, parentCode);
  const made = await insertDivision(db, code, name);
  return made ?? makeChild(db, parentCode, name);
}

/** A new street, under `districtCode` or under a new district. */
export async function makeStreet(
  db: Db,
  overrides: { districtCode?: string; name?: string } = {},
): Promise<TestDivision> {
  return makeChild(db, overrides.districtCode ?? (await makeDistrict(db)).code, overrides.name);
}

/** A new community, under `streetCode` or under a new street. */
export async function makeCommunity(
  db: Db,
  overrides: { streetCode?: string; name?: string } = {},
): Promise<TestDivision> {
  return makeChild(db, overrides.streetCode ?? (await makeStreet(db)).code, overrides.name);
}

/** A new grid (15 digits), under `communityCode` or under a new community. */
export async function makeGrid(
  db: Db,
  overrides: { communityCode?: string; name?: string } = {},
): Promise<TestDivision> {
  return makeChild(db, overrides.communityCode ?? (await makeCommunity(db)).code, overrides.name);
}

/** A new division of any level below a district, under `parentCode` (a new district's subtree if absent). */
export async function makeDivision(
  db: Db,
  overrides: { parentCode?: string; level?: DivisionLevel } = {},
): Promise<TestDivision> {
  if (overrides.parentCode) return makeChild(db, overrides.parentCode);
  switch (overrides.level ?? 'street') {
    case 'province':
    case 'city':
      throw new Error('makeDivision makes districts and below');
    case 'district':
      return makeDistrict(db);
    case 'street':
      return makeStreet(db);
    case 'community':
      return makeCommunity(db);
    case 'grid':
      return makeGrid(db);
  }
}

/** Two fresh divisions of a level under one parent (two districts of a city, two streets …). */
export async function makeSiblings(
  db: Db,
  level: 'district' | 'street' | 'community',
): Promise<[TestDivision, TestDivision]> {
  if (level === 'district') {
    const first = await makeDistrict(db);
    return [first, await makeChild(db, parentDivisionCode(first.code) as string)];
  }
  const parent = level === 'street' ? await makeDistrict(db) : await makeStreet(db);
  return [await makeChild(db, parent.code), await makeChild(db, parent.code)];
}

/** A district with two streets, each with two communities: the shape of the scope tests. */
export async function makeDivisionTree(db: Db) {
  const district = await makeDistrict(db);
  const streets = [
    await makeStreet(db, { districtCode: district.code }),
    await makeStreet(db, { districtCode: district.code }),
  ] as const;
  const communities = [
    [
      await makeCommunity(db, { streetCode: streets[0].code }),
      await makeCommunity(db, { streetCode: streets[0].code }),
    ],
    [
      await makeCommunity(db, { streetCode: streets[1].code }),
      await makeCommunity(db, { streetCode: streets[1].code }),
    ],
  ] as const;
  return { district, streets, communities };
}

/** An organisation (a service organisation by default) in `divisionCode` or in a new district. */
export async function makeOrganisation(
  db: Db,
  overrides: {
    kind?: OrganisationKind;
    divisionCode?: string;
    name?: string;
    disabled?: boolean;
  } = {},
): Promise<TestOrganisation> {
  const kind = overrides.kind ?? 'service_org';
  const divisionCode = overrides.divisionCode ?? (await makeDistrict(db)).code;
  const name = overrides.name ?? `测试机构-${kind}-${suffix()}`;
  const [row] = await db
    .insert(organisations)
    .values({ kind, name, divisionCode, disabledAt: overrides.disabled ? new Date() : null })
    .returning({ id: organisations.id });
  return { id: (row as { id: string }).id, kind, name, divisionCode };
}

/** The level of division a user of a role gets when the test does not say. */
const defaultLevel: Record<Role, DivisionLevel | null> = {
  admin: null,
  district_admin: 'district',
  district_officer: 'district',
  street_officer: 'street',
  community_worker: 'community',
  org_admin: 'district',
  visitor: 'street',
  operator: 'district',
  reviewer: 'district',
  provider_admin: 'district',
  provider_staff: 'street',
  institution_admin: 'street',
  elder: 'community',
};

const hashes = new Map<string, Promise<string>>();

export type MakeUserOverrides = {
  role?: Role;
  username?: string;
  displayName?: string;
  password?: string;
  /** The user's division; null for none; absent: a fresh division of the level the role needs. */
  divisionCode?: string | null;
  /** The user's organisation; null for none; absent: a fresh one of the kind the role needs. */
  organisationId?: string | null;
  /** A phone number needs the app's cipher (`t.ctx.sensitive`) to be stored as the app stores it. */
  phone?: string;
  sensitive?: SensitiveCipher;
  disabled?: boolean;
};

/** A user of a role (street_officer by default) with a scope that fits the role and a known password. */
export async function makeUser(db: Db, overrides: MakeUserOverrides = {}): Promise<TestUser> {
  const role = overrides.role ?? 'street_officer';
  const rule = roleScopeRules[role];
  const level = defaultLevel[role];
  const divisionCode =
    overrides.divisionCode !== undefined
      ? overrides.divisionCode
      : level
        ? (await makeDivision(db, { level })).code
        : null;
  const organisationId =
    overrides.organisationId !== undefined
      ? overrides.organisationId
      : rule.organisationKinds
        ? (
            await makeOrganisation(db, {
              kind: rule.organisationKinds[0],
              divisionCode: divisionCode ?? undefined,
            })
          ).id
        : null;
  const username = overrides.username ?? `${role.replace(/_/g, '-')}-${suffix()}`;
  const password = overrides.password ?? TEST_PASSWORD;
  const displayName = overrides.displayName ?? `测试用户 ${username}`;
  if (!hashes.has(password)) hashes.set(password, hashPassword(password, TEST_ITERATIONS));
  const passwordHash = await (hashes.get(password) as Promise<string>);
  let phone = {};
  if (overrides.phone !== undefined) {
    const cipher = overrides.sensitive;
    if (!cipher)
      throw new Error('makeUser: a phone needs `sensitive` (the app cipher, t.ctx.sensitive)');
    phone = {
      phoneCipher: cipher.encrypt(overrides.phone),
      phoneHash: cipher.lookupHash(overrides.phone),
      phoneMasked: maskPhone(overrides.phone),
    };
  }
  const [row] = await db
    .insert(users)
    .values({
      username,
      displayName,
      role,
      divisionCode,
      organisationId,
      passwordHash,
      ...phone,
      disabledAt: overrides.disabled ? new Date() : null,
    })
    .returning({ id: users.id });
  return {
    id: (row as { id: string }).id,
    username,
    password,
    displayName,
    role,
    divisionCode,
    organisationId,
  };
}
