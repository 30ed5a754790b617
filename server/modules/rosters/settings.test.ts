import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../db/client.ts';
import { actorsFor, call, type Session } from '../../test/actors.ts';
import { makeCommunity, makeDistrict, makeStreet } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { multipart, rosterRow, rosterWorkbook } from '../../test/roster-support.ts';
import { makeSubject } from '../../test/subject-factories.ts';

/*
 * Each district chooses where a change to an approved month goes (hardening issue item 13: "the
 * correction round of the same month or the next one, as the district configures").
 */

let t: TestApp;
let district: string;
let other: string;
let officer: Session;

beforeAll(async () => {
  t = await createTestApp();
  district = (await makeDistrict(t.db)).code;
  other = (await makeDistrict(t.db)).code;
  officer = await actorsFor(t).asDistrictOfficer(district);
});
afterAll(async () => {
  await t?.close();
});

/** A street of `districtCode` whose round of `month` is approved, and a subject in it. */
async function approvedStreet(districtCode: string, month: string) {
  const street = (await makeStreet(t.db, { districtCode })).code;
  const community = (await makeCommunity(t.db, { streetCode: street })).code;
  const worker = await actorsFor(t).asCommunityWorker(community);
  const reviewer = await actorsFor(t).asStreetOfficer(street);
  const elder = await makeSubject(t.db, t.ctx.sensitive, { divisionCode: community });
  const upload = await call(t, worker, {
    method: 'POST',
    url: `/api/subjects/import?month=${month}`,
    ...multipart(await rosterWorkbook([rosterRow(community)])),
  });
  expect(upload.status, JSON.stringify(upload.body)).toBe(200);
  const [round] = await rows<{ id: string }>(
    t.db,
    sql`select id from roster_rounds where division_code = ${street} and month = ${month}`,
  );
  const id = round?.id as string;
  await call(t, worker, { method: 'POST', url: `/api/roster-rounds/${id}/submit` });
  const approved = await call(t, reviewer, {
    method: 'POST',
    url: `/api/roster-rounds/${id}/approve`,
  });
  expect(approved.status, JSON.stringify(approved.body)).toBe(200);
  return { id, worker, elder };
}

async function recordDeath(worker: Session, subjectId: string, month: string) {
  const death = await call(t, worker, {
    method: 'POST',
    url: '/api/roster-rounds/removals',
    payload: { subjectId, removalReason: 'death', month },
  });
  expect(death.status, JSON.stringify(death.body)).toBe(201);
  return rows<{ month: string; sequence: number }>(
    t.db,
    sql`select r.month, r.sequence from roster_entries e
        join roster_rounds r on r.id = e.round_id where e.subject_id = ${subjectId}`,
  );
}

describe('roster settings per district', () => {
  it('lists the officer’s own district, following the deployment’s default until it chooses', async () => {
    const res = await call(t, officer, { method: 'GET', url: '/api/roster-settings' });
    expect(res.status).toBe(200);
    expect(res.body.defaultCorrections).toBe('same');
    expect(res.body.items).toEqual([
      expect.objectContaining({
        districtCode: district,
        corrections: 'same',
        chosen: false,
        version: 0,
        updatedByName: null,
      }),
    ]);
  });

  it('takes a district’s choice, refuses a stale save and a district out of scope', async () => {
    const saved = await call(t, officer, {
      method: 'PUT',
      url: `/api/roster-settings/${district}`,
      payload: { corrections: 'next', version: 0 },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toMatchObject({ corrections: 'next', chosen: true, version: 1 });
    expect(saved.body.updatedByName).toBe(officer.user.displayName);

    const stale = await call(t, officer, {
      method: 'PUT',
      url: `/api/roster-settings/${district}`,
      payload: { corrections: 'same', version: 0 },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('roster_setting.changed');
    expect(stale.body.error.message).toContain('第 1 版');
    expect(stale.body.error.fields).toEqual([
      expect.objectContaining({ field: 'version', code: 'roster_setting.changed' }),
    ]);

    for (const code of [other, `${district.slice(0, 6)}001000`]) {
      const outside = await call(t, officer, {
        method: 'PUT',
        url: `/api/roster-settings/${code}`,
        payload: { corrections: 'same', version: 0 },
      });
      expect(outside.status, code).toBe(404);
    }
    const bad = await call(t, officer, {
      method: 'PUT',
      url: `/api/roster-settings/${district}`,
      payload: { corrections: 'later', version: -1 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual([
      'corrections',
      'version',
    ]);

    const audited = await rows<{ entity_id: string }>(
      t.db,
      sql`select entity_id from audit_log where action = 'roster.settings' and entity_id = ${district}`,
    );
    expect(audited).toHaveLength(1);
  });

  it('sends a death in an approved month where each district chose', async () => {
    // `district` chose `next` above; `other` follows the default (`same`)
    const chosen = await approvedStreet(district, '2027-08');
    expect(await recordDeath(chosen.worker, chosen.elder.id, '2027-08')).toEqual([
      { month: '2027-09', sequence: 0 },
    ]);
    const round = await call(t, chosen.worker, {
      method: 'GET',
      url: `/api/roster-rounds/${chosen.id}`,
    });
    expect(round.body.corrections).toBe('next');

    const following = await approvedStreet(other, '2027-08');
    expect(await recordDeath(following.worker, following.elder.id, '2027-08')).toEqual([
      { month: '2027-08', sequence: 1 },
    ]);
  });

  it('is for the district: a street officer may not read or change it', async () => {
    const street = await actorsFor(t).asStreetOfficer(
      await makeStreet(t.db, { districtCode: district }),
    );
    expect((await call(t, street, { method: 'GET', url: '/api/roster-settings' })).status).toBe(
      403,
    );
    const put = await call(t, street, {
      method: 'PUT',
      url: `/api/roster-settings/${district}`,
      payload: { corrections: 'same', version: 1 },
    });
    expect(put.status).toBe(403);
  });
});
