import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { makeDistrict } from './factories.ts';
import { actorsFor, call, type Answer, type Session } from './actors.ts';
import { endpointFixtures, type FixtureRequest } from './endpoint-fixtures.ts';
import { allEndpoints, describeEndpoint, type NamedEndpoint } from './endpoints.ts';
import { createTestApp, type TestApp } from './harness.ts';

/**
 * Every endpoint × a fixed catalogue of hostile inputs (security.md rows 24, 25): deep nesting, lone
 * surrogates, invalid UTF-8 and percent-encoding, NUL bytes, over-long path parameters and query
 * strings, duplicate query keys, prototype keys, wrong types and content types, a body on GET. Each
 * starts from the endpoint's valid fixture request, so the hostile part reaches past the checks
 * before it. Never a 5xx; every refusal a 4xx in the `{ error: { code, message, fields } }` shape.
 */

let t: TestApp;
let admin: Session;
let district: string;
beforeAll(async () => {
  t = await createTestApp();
  admin = await actorsFor(t).asAdmin();
  district = (await makeDistrict(t.db)).code;
});
afterAll(async () => {
  await t?.close();
});

// Signing out or changing the password would end the session the other cases use.
const skipped = new Set(['logout', 'changePassword']);

type Hostile = {
  name: string;
  /** Path after the endpoint's params are put in (raw: not encoded again). */
  path?: string;
  /** A raw query string, appended as it is. */
  query?: string;
  payload?: string | Buffer;
  contentType?: string;
};

const DEEP = 10_000;
const deepArray = '['.repeat(DEEP) + ']'.repeat(DEEP);
const deepObject = '{"a":'.repeat(DEEP) + '1' + '}'.repeat(DEEP);
const keysOf = (schema: unknown): string[] =>
  schema instanceof z.ZodObject ? Object.keys(schema.shape as object) : [];

/** The valid body with one field's JSON text replaced by `raw`. */
function withField(body: unknown, key: string, raw: string): string {
  const base = body && typeof body === 'object' && !Array.isArray(body) ? body : {};
  return JSON.stringify({ ...base, [key]: '\u0001marker' }).replace('"\\u0001marker"', raw);
}

function hostileRequests(e: NamedEndpoint, valid: FixtureRequest): Hostile[] {
  const names = [...e.path.matchAll(/:(\w+)/g)].map((m) => m[1] as string);
  const params = valid.params ?? {};
  const pathWith = (name: string, raw: string) =>
    e.path.replace(/:(\w+)/g, (_, n: string) =>
      n === name ? raw : encodeURIComponent(params[n] ?? 'x'),
    );
  const cases: Hostile[] = [];
  for (const name of names) {
    for (const [label, raw] of [
      ['5,000 characters', 'a'.repeat(5000)],
      ['a bad percent-encoding', '%E0%A4%A'],
      ['a truncated escape', 'abc%'],
      ['an encoded NUL', 'a%00b'],
      ['an encoded lone surrogate', '%ED%A0%80'],
      ['an overlong encoding', '%C0%AF'],
      ['an encoded traversal', '..%2F..%2Fetc%2Fpasswd'],
    ] as const)
      cases.push({ name: `path param ${name} with ${label}`, path: pathWith(name, raw) });
  }
  const queryKeys = [...keysOf(e.query), 'x'];
  const validQuery = new URLSearchParams(valid.query ?? {}).toString();
  const q = (extra: string) => (validQuery ? `${validQuery}&${extra}` : extra);
  cases.push({ name: 'a query key with a bad percent-encoding', query: q('%E0%A4%A=1') });
  cases.push({ name: 'a query of 20,000 characters', query: q(`x=${'a'.repeat(20_000)}`) });
  cases.push({ name: 'a __proto__ query key', query: q('__proto__=x&constructor[prototype]=y') });
  for (const key of queryKeys) {
    for (const [label, raw] of [
      ['a bad percent-encoding', '%E0%A4%A'],
      ['an encoded NUL', 'a%00b'],
      ['an encoded lone surrogate', '%ED%A0%80'],
      ['8,000 characters', 'b'.repeat(8000)],
    ] as const)
      cases.push({ name: `query ${key} with ${label}`, query: q(`${key}=${raw}`) });
    cases.push({ name: `query ${key} given twice`, query: q(`${key}=1&${key}=2`) });
    cases.push({ name: `query ${key} as a bracket object`, query: q(`${key}[a]=1`) });
  }
  const json = (name: string, payload: string | Buffer) => cases.push({ name, payload });
  json('an array 10,000 deep', deepArray);
  json('an object 10,000 deep', deepObject);
  json('malformed JSON', '{"a":');
  json('JSON with trailing text', '{}x');
  json('single-quoted JSON', "{'a':1}");
  json('an array where an object is expected', '[]');
  json('an array of objects', '[{}]');
  json('a bare string', '"text"');
  json('null', 'null');
  json('a __proto__ key', '{"__proto__":{"isAdmin":true}}');
  json('a constructor.prototype key', '{"constructor":{"prototype":{"isAdmin":true}}}');
  json(
    'invalid UTF-8 bytes',
    Buffer.concat([Buffer.from('{"x":"'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('"}')]),
  );
  json('3 MB of JSON', JSON.stringify({ x: 'a'.repeat(3 * 1024 * 1024) }));
  for (const key of [...keysOf(e.body), 'x']) {
    for (const [label, raw] of [
      ['a lone surrogate', '"a\\ud800b"'],
      ['a lone low surrogate', '"\\udfff"'],
      ['a NUL character', '"a\\u0000b"'],
      ['a number as a string', '"1"'],
      ['a string as a number', '1'],
      ['an out-of-range number', '1e999'],
      ['a huge integer', '9007199254740993'],
      ['an array', '[]'],
      ['an object', '{}'],
      ['a boolean', 'true'],
      ['null', 'null'],
      ['100,000 characters', JSON.stringify('长'.repeat(100_000))],
      ['nesting 10,000 deep', deepArray],
    ] as const)
      json(`body ${key} as ${label}`, withField(valid.body, key, raw));
    json(`body key ${key} with a lone surrogate`, `{"${key}\\ud800":1}`);
  }
  const body = JSON.stringify(valid.body ?? {});
  cases.push({ name: 'JSON sent as text/plain', payload: body, contentType: 'text/plain' });
  cases.push({ name: 'XML', payload: '<a/>', contentType: 'application/xml' });
  cases.push({
    name: 'a form',
    payload: 'a=1&__proto__=2',
    contentType: 'application/x-www-form-urlencoded',
  });
  cases.push({
    name: 'multipart without a boundary',
    payload: '--x\r\n\r\n',
    contentType: 'multipart/form-data',
  });
  cases.push({
    name: 'multipart with a broken part',
    payload: '--b\r\nContent-Disposition: form-data; name="file"\r\n\r\nabc',
    contentType: 'multipart/form-data; boundary=b',
  });
  cases.push({
    name: 'JSON declared as latin1',
    payload: body,
    contentType: 'application/json; charset=latin1',
  });
  cases.push({ name: 'a content type with garbage', payload: body, contentType: ';;;=\u0001' });
  return cases;
}

function expectErrorShape(status: number, body: Answer, what: string): void {
  expect(status, `${what}: ${JSON.stringify(body)?.slice(0, 300)}`).toBeLessThan(500);
  if (status < 400) return;
  expect(body, what).toMatchObject({
    error: { code: expect.any(String), message: expect.any(String) },
  });
  expect(body.error.code, what).toMatch(/^[a-z_]+\.[a-z][a-z0-9_]*$/);
  if (body.error.fields !== undefined) {
    for (const field of body.error.fields) {
      expect(field, what).toMatchObject({
        field: expect.stringMatching(/.+/),
        code: expect.any(String),
        message: expect.any(String),
      });
      // the message names the field: never an empty label before its colon
      expect(field.message, what).not.toMatch(/^\s*[：:]/);
    }
  }
}

describe('hostile input on every endpoint', () => {
  // an event stream that accepts a request stays open: fuzz.test.ts tries its hostile input
  // (Last-Event-ID, queries) over a real connection
  for (const e of allEndpoints.filter((x) => !skipped.has(x.name) && x.stream !== 'sse')) {
    it(`${describeEndpoint(e)} refuses hostile input with a 4xx in the error shape`, async () => {
      const fixture = endpointFixtures[e.name];
      if (!fixture) throw new Error(`no fixture for ${e.name}`);
      const valid = await fixture({
        t,
        actor: admin,
        division: district,
        organisation: null,
        freshSession: () => actorsFor(t).asAdmin(),
      });
      for (const h of hostileRequests(e, valid)) {
        const path =
          h.path ??
          e.path.replace(/:(\w+)/g, (_, n: string) => encodeURIComponent(valid.params?.[n] ?? 'x'));
        const hasBody = h.payload !== undefined;
        const res = await call(t, admin, {
          method: e.method,
          url: h.query ? `${path}?${h.query}` : path,
          ...(hasBody ? { payload: h.payload } : {}),
          headers: hasBody ? { 'content-type': h.contentType ?? 'application/json' } : {},
        });
        expectErrorShape(res.status, res.body, h.name);
      }
    }, 120_000);
  }
});
