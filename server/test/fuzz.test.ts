import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildPath } from '../platform/contract/endpoint.ts';
import { actorsFor, call, type Session } from './actors.ts';
import { allEndpoints, describeEndpoint, sendToStream } from './endpoints.ts';
import { createTestApp, type TestApp } from './harness.ts';

/**
 * Generated input for every endpoint (security.md rows 24, 25): whatever arrives, the answer is never
 * a 5xx, and every refusal has the `{ error: { code, message } }` shape.
 */

let t: TestApp;
let admin: Session;
beforeAll(async () => {
  t = await createTestApp();
  admin = await actorsFor(t).asAdmin();
});
afterAll(async () => {
  await t?.close();
});

// Signing out or changing the password would end the session the other cases use.
const skipped = new Set(['logout', 'changePassword']);

const text = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.constantFrom('', ' ', '\u0000', 'a\u0000b', '%', "'", '9'.repeat(40), '210104002001'),
);
const param = fc.oneof(text, fc.uuid(), fc.stringMatching(/^\d{12,15}$/));
const value = fc.oneof(text, fc.jsonValue(), fc.integer(), fc.boolean(), fc.constant(null));

/** The field names a schema knows, so that generated input reaches past "unknown field". */
const keysOf = (schema: unknown): string[] =>
  schema instanceof z.ZodObject ? Object.keys(schema.shape as object) : [];
const fieldsOf = <T>(schema: unknown, arb: fc.Arbitrary<T>) =>
  fc.dictionary(fc.constantFrom(...keysOf(schema), 'x'), arb, { maxKeys: 6 });

describe('generated requests', () => {
  for (const e of allEndpoints.filter((x) => !skipped.has(x.name))) {
    it(`${describeEndpoint(e)} answers no 5xx and refuses in the error shape`, async () => {
      const names = [...e.path.matchAll(/:(\w+)/g)].map((m) => m[1] as string);
      const request = fc.record({
        params: fc.tuple(...names.map(() => param)),
        query: fieldsOf(e.query, text),
        body: fc.oneof(fc.jsonValue(), fieldsOf(e.body, value)),
        // what a stream's client says it last received (printable: fetch refuses other headers)
        lastEventId: fc.oneof(fc.stringMatching(/^[ -~]{0,24}$/), fc.nat().map(String)),
      });
      await fc.assert(
        fc.asyncProperty(request, async ({ params, query, body, lastEventId }) => {
          const url = buildPath(
            e.path,
            Object.fromEntries(names.map((n, i) => [n, params[i] ?? ''])),
          );
          const res = e.stream
            ? await sendToStream(t, url, admin, { 'last-event-id': lastEventId }, query)
            : await call(t, admin, {
                method: e.method,
                url,
                query,
                ...(e.method === 'GET'
                  ? {}
                  : {
                      payload: JSON.stringify(body),
                      headers: { 'content-type': 'application/json' },
                    }),
              });
          expect(res.status, JSON.stringify(res.body)).toBeLessThan(500);
          if (res.status >= 400) {
            expect(res.body).toMatchObject({
              error: { code: expect.any(String), message: expect.any(String) },
            });
          }
        }),
        // An endpoint that takes no input has nothing to vary: a few runs show it ignores noise.
        { numRuns: names.length || e.query || e.body || e.stream ? 60 : 5 },
      );
    });
  }
});
