import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorsFor, call, type Answer } from '../../test/actors.ts';
import { audit } from '../../platform/audit/audit.ts';
import { makeDistrict } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';

/** The audit-log viewer through the real routes. */

let t: TestApp;
let as: ReturnType<typeof actorsFor>;

beforeAll(async () => {
  t = await createTestApp();
  as = actorsFor(t);
});
afterAll(async () => {
  await t?.close();
});

describe('GET /api/audit-log', () => {
  it('names the users, divisions and organisations its entries are about, beside their ids', async () => {
    const admin = await as.asAdmin();
    const district = await makeDistrict(t.db);
    const created = await call(t, admin, {
      method: 'POST',
      url: '/api/organisations',
      payload: { name: '名称测试服务中心', kind: 'service_org', divisionCode: district.code },
    });
    expect(created.status).toBe(201);
    const officer = await as.asDistrictOfficer(district);

    const entryOf = async (entity: string, entityId: string) => {
      const { status, body } = await call(t, admin, {
        method: 'GET',
        url: '/api/audit-log',
        query: { entity, entityId },
      });
      expect(status).toBe(200);
      return (body as Answer).items[0];
    };
    expect(await entryOf('organisation', created.body.id)).toMatchObject({
      entityId: created.body.id,
      entityName: '名称测试服务中心',
    });
    expect(await entryOf('user', officer.user.id)).toMatchObject({
      action: 'auth.login',
      entityName: officer.user.displayName,
    });
  });

  it('leaves the name empty where an id names nothing it knows, without failing the page', async () => {
    const admin = await as.asAdmin();
    for (const entityId of ['not-a-uuid', '00000000-0000-4000-8000-000000000000'])
      await audit(t.db, { username: 'ghost' }, { action: 'auth.login', entity: 'user', entityId });
    const { status, body } = await call(t, admin, {
      method: 'GET',
      url: '/api/audit-log',
      query: { username: 'ghost' },
    });
    expect(status).toBe(200);
    expect(body.items.map((e: Answer) => e.entityName)).toEqual([null, null]);
  });
});
