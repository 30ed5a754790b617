import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../db/client.ts';
import { actorsFor, call } from '../../test/actors.ts';
import { makeDistrict, makeOrganisation, makeStreet } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';

/** Organisations through the real routes: who sees which, and the rules of change. */

let t: TestApp;
let as: ReturnType<typeof actorsFor>;

beforeAll(async () => {
  t = await createTestApp();
  as = actorsFor(t);
});
afterAll(async () => {
  await t?.close();
});

const ids = (body: { items: { id: string }[] }) => body.items.map((o) => o.id).sort();

describe('GET /api/organisations', () => {
  it('shows a street officer the organisations of its street only', async () => {
    const district = await makeDistrict(t.db);
    const street = await makeStreet(t.db, { districtCode: district.code });
    const inStreet = await makeOrganisation(t.db, {
      kind: 'street_office',
      divisionCode: street.code,
    });
    await makeOrganisation(t.db, { kind: 'district_bureau', divisionCode: district.code });
    await makeOrganisation(t.db, {
      divisionCode: (await makeStreet(t.db, { districtCode: district.code })).code,
    });
    const { status, body } = await call(t, await as.asStreetOfficer(street), {
      method: 'GET',
      url: '/api/organisations',
    });
    expect(status).toBe(200);
    expect(ids(body)).toEqual([inStreet.id]);
    expect(body.total).toBe(1);
  });

  it('shows a district officer of the bureau every organisation of the district, not the bureau alone', async () => {
    const district = await makeDistrict(t.db);
    const bureau = await makeOrganisation(t.db, {
      kind: 'district_bureau',
      divisionCode: district.code,
    });
    const office = await makeOrganisation(t.db, {
      kind: 'street_office',
      divisionCode: (await makeStreet(t.db, { districtCode: district.code })).code,
    });
    const service = await makeOrganisation(t.db, {
      kind: 'service_org',
      divisionCode: district.code,
    });
    await makeOrganisation(t.db, { divisionCode: (await makeDistrict(t.db)).code });
    const officer = await as.asDistrictOfficer(district, { organisationId: bureau.id });
    const { body } = await call(t, officer, { method: 'GET', url: '/api/organisations' });
    expect(ids(body)).toEqual([bureau.id, office.id, service.id].sort());
  });

  it('shows an organisation admin its own organisation only, even one seated above its division', async () => {
    const district = await makeDistrict(t.db);
    const street = await makeStreet(t.db, { districtCode: district.code });
    const org = await makeOrganisation(t.db, { kind: 'service_org', divisionCode: district.code });
    await makeOrganisation(t.db, { kind: 'service_org', divisionCode: street.code });
    const orgAdmin = await as.asOrgAdmin(org, street);
    const listed = await call(t, orgAdmin, { method: 'GET', url: '/api/organisations' });
    expect(ids(listed.body)).toEqual([org.id]);
    const own = await call(t, orgAdmin, { method: 'GET', url: `/api/organisations/${org.id}` });
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({
      id: org.id,
      name: org.name,
      divisionCode: district.code,
      disabled: false,
    });
  });

  it('filters by kind and by division subtree', async () => {
    const district = await makeDistrict(t.db);
    const street = await makeStreet(t.db, { districtCode: district.code });
    const provider = await makeOrganisation(t.db, { kind: 'provider', divisionCode: street.code });
    const service = await makeOrganisation(t.db, {
      kind: 'service_org',
      divisionCode: district.code,
    });
    const officer = await as.asDistrictOfficer(district);
    const byKind = await call(t, officer, {
      method: 'GET',
      url: '/api/organisations',
      query: { kind: 'provider' },
    });
    expect(ids(byKind.body)).toEqual([provider.id]);
    const byDivision = await call(t, officer, {
      method: 'GET',
      url: '/api/organisations',
      query: { divisionCode: street.code },
    });
    expect(ids(byDivision.body)).toEqual([provider.id]);
    expect(
      ids((await call(t, officer, { method: 'GET', url: '/api/organisations' })).body),
    ).toEqual([provider.id, service.id].sort());
  });
});

describe('POST and PATCH /api/organisations', () => {
  it('creates an organisation in the actor’s district and audits it', async () => {
    const districtAdmin = await as.asDistrictAdmin();
    const division = districtAdmin.user.divisionCode ?? '';
    const { status, body } = await call(t, districtAdmin, {
      method: 'POST',
      url: '/api/organisations',
      payload: { kind: 'provider', name: '康乐居家服务', divisionCode: division },
    });
    expect(status).toBe(201);
    expect(body).toMatchObject({
      kind: 'provider',
      name: '康乐居家服务',
      divisionCode: division,
      disabled: false,
    });
    const audited = await rows<{ username: string }>(
      t.db,
      sql`select username from audit_log where action = 'organisation.create' and entity_id = ${body.id}`,
    );
    expect(audited).toEqual([{ username: districtAdmin.user.username }]);
  });

  it('refuses a division outside the actor’s district or one that does not exist (400 on divisionCode)', async () => {
    const districtAdmin = await as.asDistrictAdmin();
    const elsewhere = await makeStreet(t.db);
    const missing = `${(districtAdmin.user.divisionCode ?? '').slice(0, 6)}997000`;
    for (const divisionCode of [elsewhere.code, missing]) {
      const { status, body } = await call(t, districtAdmin, {
        method: 'POST',
        url: '/api/organisations',
        payload: { kind: 'provider', name: '越界机构', divisionCode },
      });
      expect(status, divisionCode).toBe(400);
      expect(body.error.fields).toEqual([
        expect.objectContaining({ field: 'divisionCode', code: 'organisation.division_not_found' }),
      ]);
    }
  });

  it('disables an organisation, and answers 404 for one of another district', async () => {
    const districtAdmin = await as.asDistrictAdmin();
    const own = await makeOrganisation(t.db, {
      divisionCode: districtAdmin.user.divisionCode ?? '',
    });
    const other = await makeOrganisation(t.db);
    const disabled = await call(t, districtAdmin, {
      method: 'PATCH',
      url: `/api/organisations/${own.id}`,
      payload: { disabled: true },
    });
    expect(disabled.status).toBe(200);
    expect(disabled.body.disabled).toBe(true);
    const hidden = await call(t, districtAdmin, {
      method: 'PATCH',
      url: `/api/organisations/${other.id}`,
      payload: { name: '越权' },
    });
    expect(hidden.status).toBe(404);
    expect(hidden.body.error.code).toBe('organisation.not_found');
  });
});
