import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../db/client.ts';
import { actorsFor, call, type Session } from '../../test/actors.ts';
import {
  freeChildCode,
  makeCommunity,
  makeDistrict,
  makeDivisionTree,
  makeGrid,
  makeStreet,
} from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { divisions } from './tables.ts';

/** The division tree through the real routes: scoped reads, validation, and the rules of change. */

let t: TestApp;
let as: ReturnType<typeof actorsFor>;

beforeAll(async () => {
  t = await createTestApp();
  as = actorsFor(t);
});
afterAll(async () => {
  await t?.close();
});

const list = (session: Session, query?: Record<string, string>) =>
  call(t, session, { method: 'GET', url: '/api/divisions', ...(query ? { query } : {}) });
const codes = (body: { items: { code: string }[] }) => body.items.map((d) => d.code);

describe('GET /api/divisions', () => {
  it('shows a street officer exactly its street and what lies below it', async () => {
    const tree = await makeDivisionTree(t.db);
    const grid = await makeGrid(t.db, { communityCode: tree.communities[0][0].code });
    const officer = await as.asStreetOfficer(tree.streets[0]);
    const { status, body } = await list(officer);
    expect(status).toBe(200);
    expect(codes(body).sort()).toEqual(
      [
        tree.streets[0].code,
        tree.communities[0][0].code,
        tree.communities[0][1].code,
        grid.code,
      ].sort(),
    );
  });

  it('shows a community worker its community and its grids only', async () => {
    const tree = await makeDivisionTree(t.db);
    const grid = await makeGrid(t.db, { communityCode: tree.communities[1][1].code });
    const worker = await as.asCommunityWorker(tree.communities[1][1]);
    expect(codes((await list(worker)).body).sort()).toEqual(
      [tree.communities[1][1].code, grid.code].sort(),
    );
  });

  it('shows a district officer the whole district and nothing of another district', async () => {
    const tree = await makeDivisionTree(t.db);
    const elsewhere = await makeStreet(t.db);
    const officer = await as.asDistrictOfficer(tree.district);
    const seen = codes((await list(officer)).body);
    expect(seen).toHaveLength(7);
    expect(seen).toContain(tree.district.code);
    expect(seen).not.toContain(elsewhere.code);
  });

  it('lists a parent before its children, whatever their sort order', async () => {
    const district = await makeDistrict(t.db);
    const street = await makeStreet(t.db, { districtCode: district.code });
    const community = await makeCommunity(t.db, { streetCode: street.code });
    await t.db.execute(sql`update divisions set sort_order = 9 where code = ${street.code}`);
    await t.db.execute(sql`update divisions set sort_order = 1 where code = ${community.code}`);
    const seen = codes((await list(await as.asDistrictOfficer(district))).body);
    expect(seen).toEqual([district.code, street.code, community.code]);
  });

  it('leaves out divisions that are no longer valid, unless includeInactive=true', async () => {
    const street = await makeStreet(t.db);
    const community = await makeCommunity(t.db, { streetCode: street.code });
    await t.db.execute(
      sql`update divisions set valid_to = '2000-01-01' where code = ${community.code}`,
    );
    const officer = await as.asStreetOfficer(street);
    expect(codes((await list(officer)).body)).toEqual([street.code]);
    expect(codes((await list(officer, { includeInactive: 'true' })).body)).toEqual([
      street.code,
      community.code,
    ]);
  });
});

describe('GET /api/divisions/:code', () => {
  it('answers a division inside the actor’s scope', async () => {
    const street = await makeStreet(t.db);
    const community = await makeCommunity(t.db, { streetCode: street.code });
    const { status, body } = await call(t, await as.asStreetOfficer(street), {
      method: 'GET',
      url: `/api/divisions/${community.code}`,
    });
    expect(status).toBe(200);
    expect(body).toEqual({
      code: community.code,
      parentCode: street.code,
      parentName: street.name,
      level: 'community',
      name: community.name,
      urbanRuralCode: null,
      sortOrder: 0,
      validTo: null,
    });
  });

  it('answers 404, not 403, for a division outside the actor’s scope: its parent, a sibling, a code that does not exist', async () => {
    const tree = await makeDivisionTree(t.db);
    const officer = await as.asStreetOfficer(tree.streets[0]);
    const missing = tree.streets[0].code.slice(0, 9) + '999';
    for (const code of [
      tree.district.code,
      tree.streets[1].code,
      tree.communities[1][0].code,
      missing,
    ]) {
      const { status, body } = await call(t, officer, {
        method: 'GET',
        url: `/api/divisions/${code}`,
      });
      expect(status, code).toBe(404);
      expect(body.error.code).toBe('division.not_found');
    }
  });

  it('answers an invalid code with 400 and a field entry naming code', async () => {
    const officer = await as.asStreetOfficer();
    for (const code of ['abc', '2101040020', '21010400200a', '2101040020010011']) {
      const { status, body } = await call(t, officer, {
        method: 'GET',
        url: `/api/divisions/${code}`,
      });
      expect(status, code).toBe(400);
      expect(body.error.code).toBe('common.invalid_input');
      expect(body.error.fields).toEqual([expect.objectContaining({ field: 'code' })]);
      expect(body.error.fields[0].message).toContain('12位');
    }
  });
});

describe('POST /api/divisions', () => {
  it('lets a district admin add a street to its district, deriving parent and level from the code, and audits it', async () => {
    const districtAdmin = await as.asDistrictAdmin();
    const district = districtAdmin.user.divisionCode ?? '';
    const code = await freeChildCode(t.db, district);
    const { status, body } = await call(t, districtAdmin, {
      method: 'POST',
      url: '/api/divisions',
      payload: { code, name: '新设街道', sortOrder: 3 },
    });
    expect(status).toBe(201);
    expect(body).toMatchObject({
      code,
      parentCode: district,
      level: 'street',
      name: '新设街道',
      sortOrder: 3,
    });
    const audited = await rows<{ username: string; entity: string }>(
      t.db,
      sql`select username, entity from audit_log where action = 'division.create' and entity_id = ${code}`,
    );
    expect(audited).toEqual([{ username: districtAdmin.user.username, entity: 'division' }]);
  });

  it('adds a grid of 15 digits under a community', async () => {
    const admin = await as.asAdmin();
    const community = await makeCommunity(t.db);
    const code = await freeChildCode(t.db, community.code);
    const { status, body } = await call(t, admin, {
      method: 'POST',
      url: '/api/divisions',
      payload: { code, name: '第九网格' },
    });
    expect(status).toBe(201);
    expect(body).toMatchObject({ code, parentCode: community.code, level: 'grid' });
  });

  it('answers 404 for a division under another district, or for the actor’s own division', async () => {
    const districtAdmin = await as.asDistrictAdmin();
    const other = await makeDistrict(t.db);
    const elsewhere = await call(t, districtAdmin, {
      method: 'POST',
      url: '/api/divisions',
      payload: { code: await freeChildCode(t.db, other.code), name: '越界街道' },
    });
    expect(elsewhere.status).toBe(404);
    const own = await call(t, districtAdmin, {
      method: 'POST',
      url: '/api/divisions',
      payload: { code: districtAdmin.user.divisionCode, name: '自己' },
    });
    expect(own.status).toBe(404);
  });

  it('refuses a code whose parent does not exist (400 division.parent_mismatch)', async () => {
    const admin = await as.asAdmin();
    const district = await makeDistrict(t.db);
    const orphan = `${district.code.slice(0, 6)}998001`;
    const { status, body } = await call(t, admin, {
      method: 'POST',
      url: '/api/divisions',
      payload: { code: orphan, name: '孤儿社区' },
    });
    expect(status).toBe(400);
    expect(body.error.code).toBe('division.parent_mismatch');
  });

  it('adds only under the parent the caller named (400 division.parent_mismatch naming code)', async () => {
    const admin = await as.asAdmin();
    const tree = await makeDivisionTree(t.db);
    const code = await freeChildCode(t.db, tree.streets[1].code);
    const { status, body } = await call(t, admin, {
      method: 'POST',
      url: '/api/divisions',
      payload: { code, name: '错挂社区', parentCode: tree.streets[0].code },
    });
    expect(status).toBe(400);
    expect(body.error.code).toBe('division.parent_mismatch');
    expect(body.error.fields).toEqual([expect.objectContaining({ field: 'code' })]);
    const ok = await call(t, admin, {
      method: 'POST',
      url: '/api/divisions',
      payload: { code, name: '社区', parentCode: tree.streets[1].code },
    });
    expect(ok.status).toBe(201);
  });

  it('adds nothing under a division that has ended (409 division.parent_inactive)', async () => {
    const admin = await as.asAdmin();
    const street = await makeStreet(t.db);
    await call(t, admin, {
      method: 'PATCH',
      url: `/api/divisions/${street.code}`,
      payload: { validTo: '2020-01-01' },
    });
    const { status, body } = await call(t, admin, {
      method: 'POST',
      url: '/api/divisions',
      payload: { code: await freeChildCode(t.db, street.code), name: '新社区' },
    });
    expect(status).toBe(409);
    expect(body.error.code).toBe('division.parent_inactive');
  });

  it('lets only an administrator without a division scope add a province (a root)', async () => {
    const byDistrictAdmin = await call(t, await as.asDistrictAdmin(), {
      method: 'POST',
      url: '/api/divisions',
      payload: { code: '810000000000', name: '香港特别行政区' },
    });
    expect(byDistrictAdmin.status).toBe(404);
    const byAdmin = await call(t, await as.asAdmin(), {
      method: 'POST',
      url: '/api/divisions',
      payload: { code: '810000000000', name: '香港特别行政区' },
    });
    expect(byAdmin.status).toBe(201);
    expect(byAdmin.body).toMatchObject({ level: 'province', parentCode: null, parentName: null });
  });

  it('refuses a code that exists (409 division.code_taken)', async () => {
    const admin = await as.asAdmin();
    const street = await makeStreet(t.db);
    const { status, body } = await call(t, admin, {
      method: 'POST',
      url: '/api/divisions',
      payload: { code: street.code, name: '重复' },
    });
    expect(status).toBe(409);
    expect(body.error.code).toBe('division.code_taken');
  });

  it('validates the body, naming the fields', async () => {
    const admin = await as.asAdmin();
    const { status, body } = await call(t, admin, {
      method: 'POST',
      url: '/api/divisions',
      payload: { code: '12', name: '' },
    });
    expect(status).toBe(400);
    expect(body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual([
      'code',
      'name',
    ]);
  });

  it('is refused to a street officer (403)', async () => {
    const street = await makeStreet(t.db);
    const officer = await as.asStreetOfficer(street);
    const { status } = await call(t, officer, {
      method: 'POST',
      url: '/api/divisions',
      payload: { code: await freeChildCode(t.db, street.code), name: '新社区' },
    });
    expect(status).toBe(403);
  });
});

describe('PATCH /api/divisions/:code', () => {
  it('renames a division and audits the before and after', async () => {
    const districtAdmin = await as.asDistrictAdmin();
    const street = await makeStreet(t.db, { districtCode: districtAdmin.user.divisionCode ?? '' });
    const { status, body } = await call(t, districtAdmin, {
      method: 'PATCH',
      url: `/api/divisions/${street.code}`,
      payload: { name: '更名街道' },
    });
    expect(status).toBe(200);
    expect(body.name).toBe('更名街道');
    const audited = await rows<{ detail: unknown }>(
      t.db,
      sql`select detail from audit_log where action = 'division.update' and entity_id = ${street.code}`,
    );
    expect(audited).toEqual([
      { detail: { before: { name: street.name }, after: { name: '更名街道' } } },
    ]);
  });

  it('refuses to deactivate a division with active children (409 division.has_children), and deactivates a leaf', async () => {
    const admin = await as.asAdmin();
    const street = await makeStreet(t.db);
    const community = await makeCommunity(t.db, { streetCode: street.code });
    const parent = await call(t, admin, {
      method: 'PATCH',
      url: `/api/divisions/${street.code}`,
      payload: { validTo: '2025-01-01' },
    });
    expect(parent.status).toBe(409);
    expect(parent.body.error.code).toBe('division.has_children');

    const leaf = await call(t, admin, {
      method: 'PATCH',
      url: `/api/divisions/${community.code}`,
      payload: { validTo: '2025-01-01' },
    });
    expect(leaf.status).toBe(200);
    expect(leaf.body.validTo).toBe('2025-01-01');
    const officer = await as.asStreetOfficer(street);
    expect(codes((await list(officer)).body)).toEqual([street.code]);

    const restored = await call(t, admin, {
      method: 'PATCH',
      url: `/api/divisions/${community.code}`,
      payload: { validTo: null },
    });
    expect(restored.body.validTo).toBeNull();
    expect(codes((await list(officer)).body)).toEqual([street.code, community.code]);
  });

  it('refuses to end a division before a child that stays valid longer, and accepts the same date', async () => {
    const admin = await as.asAdmin();
    const street = await makeStreet(t.db);
    const community = await makeCommunity(t.db, { streetCode: street.code });
    const patch = (code: string, validTo: string) =>
      call(t, admin, { method: 'PATCH', url: `/api/divisions/${code}`, payload: { validTo } });
    expect((await patch(community.code, '2030-06-30')).status).toBe(200);
    const early = await patch(street.code, '2030-01-01');
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('division.has_children');
    expect((await patch(street.code, '2030-06-30')).status).toBe(200);
  });

  it('refuses a district admin changes to its own district (403 division.own_root); the administrator may', async () => {
    const district = await makeDistrict(t.db);
    const own = await call(t, await as.asDistrictAdmin(district), {
      method: 'PATCH',
      url: `/api/divisions/${district.code}`,
      payload: { name: '改名' },
    });
    expect(own.status).toBe(403);
    expect(own.body.error.code).toBe('division.own_root');
    const byAdmin = await call(t, await as.asAdmin(), {
      method: 'PATCH',
      url: `/api/divisions/${district.code}`,
      payload: { name: '改名' },
    });
    expect(byAdmin.status).toBe(200);
  });

  it('answers 404 for a division of another district and changes nothing', async () => {
    const districtAdmin = await as.asDistrictAdmin();
    const street = await makeStreet(t.db);
    const { status } = await call(t, districtAdmin, {
      method: 'PATCH',
      url: `/api/divisions/${street.code}`,
      payload: { name: '越权' },
    });
    expect(status).toBe(404);
    const [row] = await rows<{ name: string }>(
      t.db,
      sql`select name from ${divisions} where code = ${street.code}`,
    );
    expect(row?.name).toBe(street.name);
  });
});
