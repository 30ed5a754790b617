import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { rosterColumns } from '../modules/rosters/excel.ts';
import { sourceFields } from '../modules/source-records/contract.ts';
import { PhoneInput } from '../platform/contract/phone.ts';
import { call, loggedIn, type Session } from './actors.ts';
import { endpointFixtures } from './endpoint-fixtures.ts';
import { allEndpoints, describeEndpoint, send, type NamedEndpoint } from './endpoints.ts';
import { makeDistrict } from './factories.ts';
import { createTestApp, type TestApp } from './harness.ts';
import { multipart, rosterRow, rosterWorkbook } from './roster-support.ts';
import { communityIn, makeSubject } from './subject-factories.ts';

/**
 * Every phone field follows domain-rules §5.2 through one validator (normalisePhone, and PhoneInput
 * in a request body): the fields are found from the contracts, the roster template's columns and
 * the department files' columns, so a new phone field that skips the validator fails here.
 * 1384005 is the outside check's number: seven digits, neither a mobile nor a landline.
 */
const BAD = '1384005';
const isPhoneKey = (key: string) => /phone|电话/i.test(key);

type AnySchema = z.ZodType & { def: Record<string, unknown> };

/** The schema inside optional/nullable/default/preprocess wrappers, and the members of a union. */
function unwrapped(schema: AnySchema): AnySchema[] {
  if (schema === (PhoneInput as unknown)) return [schema];
  const def = schema.def as {
    type: string;
    innerType?: AnySchema;
    options?: AnySchema[];
    out?: AnySchema;
  };
  if (def.innerType) return unwrapped(def.innerType);
  if (def.type === 'pipe' && def.out && def.out !== schema) return unwrapped(def.out);
  if (def.type === 'union') return (def.options ?? []).flatMap(unwrapped);
  return [schema];
}

function phoneKeysOf(schema: unknown): string[] {
  const shape = (schema as { shape?: Record<string, AnySchema> } | undefined)?.shape;
  return shape ? Object.keys(shape).filter(isPhoneKey) : [];
}

const withPhoneBody = allEndpoints.filter((e) => phoneKeysOf(e.body).length > 0);

let t: TestApp;
let admin: Session;
let district: string;
beforeAll(async () => {
  t = await createTestApp();
  admin = await loggedIn(t, { role: 'admin' });
  district = (await makeDistrict(t.db)).code;
});
afterAll(async () => {
  await t?.close();
});

describe('phone fields of request bodies', () => {
  it('are found (the walk sees the user and search forms)', () => {
    expect(withPhoneBody.map((e) => e.name)).toEqual(
      expect.arrayContaining(['createUser', 'updateUser', 'searchSubjects']),
    );
  });

  it.each(allEndpoints.filter((e) => phoneKeysOf(e.query).length > 0).map(describeEndpoint))(
    'no query string carries a phone (%s)',
    (name) => expect.fail(`${name} has a phone in its URL`),
  );

  for (const e of withPhoneBody)
    for (const key of phoneKeysOf(e.body))
      it(`${describeEndpoint(e)}: ${key} is read by PhoneInput, and ${BAD} answers 400 on ${key}`, async () => {
        const shape = (e.body as unknown as { shape: Record<string, AnySchema> }).shape;
        const field = shape[key];
        if (!field) throw new Error(`no ${key}`);
        const strings = unwrapped(field).filter((s) => s.def.type !== 'null');
        expect(strings).toEqual([PhoneInput]);
        const request = await fixtureRequest(e);
        const body = { ...(request.body as Record<string, unknown>), [key]: BAD };
        const { status, body: answer } = await send(t, e, { ...request, body }, admin);
        expect(status, JSON.stringify(answer)).toBe(400);
        expect(answer.error.fields.map((f: { field: string }) => f.field)).toContain(key);
      });
});

async function fixtureRequest(e: NamedEndpoint) {
  const fixture = endpointFixtures[e.name];
  if (!fixture) throw new Error(`no fixture for ${e.name}`);
  return fixture({
    t,
    actor: admin,
    division: district,
    organisation: null,
    freshSession: () => loggedIn(t, { role: 'admin' }),
  });
}

describe('phone columns of uploaded files', () => {
  const rosterPhones = rosterColumns.filter((c) => isPhoneKey(c.key) || isPhoneKey(c.header));
  const sourcePhones = sourceFields.filter((c) => isPhoneKey(c.key) || isPhoneKey(c.header));

  it('are found (联系电话 and 紧急联系人电话 of the roster, 联系电话 of a department file)', () => {
    expect(rosterPhones.map((c) => c.header)).toEqual(['联系电话', '紧急联系人电话']);
    expect(sourcePhones.map((c) => c.header)).toEqual(['联系电话']);
  });

  it.each(rosterPhones.map((c) => [c.header]))(
    `the roster template's %s refuses ${BAD} (import.phone_invalid)`,
    async (header) => {
      const community = await communityIn(t.db, district);
      const { payload, headers } = multipart(
        await rosterWorkbook([rosterRow(community, { [header]: BAD })]),
      );
      const { status, body } = await call(t, admin, {
        method: 'POST',
        url: '/api/subjects/import?dryRun=true',
        payload,
        headers,
      });
      expect(status, JSON.stringify(body)).toBe(200);
      expect(body.rejected.map((r: { field: string; code: string }) => [r.field, r.code])).toEqual([
        [header, 'import.phone_invalid'],
      ]);
    },
  );

  it.each(sourcePhones.map((c) => [c.header]))(
    `a department file's %s refuses ${BAD} (import.phone_invalid)`,
    async (header) => {
      const subject = await makeSubject(t.db, t.ctx.sensitive, {
        divisionCode: await communityIn(t.db, district),
      });
      const { payload, headers } = multipart(
        await rosterWorkbook([{ 身份证号: subject.idNumber, [header]: BAD }], ['身份证号', header]),
      );
      const { status, body } = await call(t, admin, {
        method: 'POST',
        url: '/api/source-records/import?source=social_security&asOf=2026-10-31&dryRun=true',
        payload,
        headers,
      });
      expect(status, JSON.stringify(body)).toBe(200);
      expect(body.rejected.map((r: { field: string; code: string }) => [r.field, r.code])).toEqual([
        [header, 'import.phone_invalid'],
      ]);
    },
  );
});
