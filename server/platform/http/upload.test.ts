import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorsFor, call, type Session } from '../../test/actors.ts';
import { makeOrganisation, makeStreet } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { multipart } from '../../test/roster-support.ts';

/** The upload limit, read while the file streams in (and hashed for an Idempotency-Key). */

let t: TestApp;
let importer: Session;
beforeAll(async () => {
  t = await createTestApp({ env: { IMPORT_MAX_MB: '0.05' } });
  const street = (await makeStreet(t.db)).code;
  importer = await actorsFor(t).asOrgAdmin(
    await makeOrganisation(t.db, { divisionCode: street }),
    street,
  );
});
afterAll(async () => {
  await t?.close();
});

const send = (content: Buffer, key?: string) => {
  const { payload, headers } = multipart(content);
  return call(t, importer, {
    method: 'POST',
    url: '/api/source-records/import?source=social_security&asOf=2026-10-31',
    payload,
    headers: { ...headers, ...(key ? { 'idempotency-key': key } : {}) },
  });
};

describe('uploadedFile', () => {
  it('refuses a file over IMPORT_MAX_MB with 413 common.file_too_large, with or without a key', async () => {
    const big = randomBytes(200 * 1024);
    for (const key of [undefined, 'too-large-key-1']) {
      const res = await send(big, key);
      expect(res.status).toBe(413);
      expect(res.body.error.code).toBe('common.file_too_large');
    }
  });

  it('reads a file under the limit (not a workbook: refused as such, not as too large)', async () => {
    for (const key of [undefined, 'small-file-key-1']) {
      const res = await send(randomBytes(1024), key);
      expect(res.status).toBe(400);
      expect(res.body.error.code).not.toBe('common.file_too_large');
    }
  });
});
