import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allEndpoints, describeEndpoint } from './endpoints.ts';
import { createTestApp, type TestApp } from './harness.ts';

/**
 * Every write a client may retry is idempotent (docs/adr/0006), generated from the endpoint maps so
 * that a new module cannot forget: a POST is idempotent unless it is listed here with the reason a
 * retry needs no key; a create (201) or an upload always is, but for a part of a file sent in pieces
 * (a PUT placed by its Content-Range: sent again, it adds nothing); and no download is (a file is not
 * an answer that can be kept).
 */
const retriedWithoutKey: Record<string, string> = {
  login: 'no session yet, so no key applies; a retried sign-in signs in again',
  logout: 'ending a session twice ends it once',
  changePassword:
    'changes the own password, creates nothing; a retry after a lost answer is refused by the current-password check and changes nothing',
  resetPassword: 'sets the password it is given; a retry sets the same password again',
  verifyAuditLog: 'reads the chain, writes nothing',
  scoreAbilityAssessment: 'a calculation sent by POST (the 26 answers); stores nothing',
  searchSubjects: 'a search sent by POST so that numbers stay out of URLs; writes nothing',
  revealUserPhone: 'a read, audited per view: a second view is one more audit row, as it should be',
  revealSubject: 'a read, audited per view',
  revealRosterEntry: 'a read, audited per view',
  exportSubjects: 'a download, audited per export',
  exportRosterRounds: 'a download, audited per export',
  exportRosterRound: 'a download, audited per export',
  exportVisits: 'a download, audited per export',
  rosterErrorFile: 'a download of the uploaded file with its problems; writes nothing',
  downloadExportRequest:
    'the one download of an approved export: a retry after a lost answer is refused (410) by design, and the export is requested again',
};

describe('idempotent endpoints', () => {
  it('every POST is idempotent or named here with the reason a retry needs no key', () => {
    const forgotten = allEndpoints
      .filter((e) => e.method === 'POST' && !e.idempotent && !(e.name in retriedWithoutKey))
      .map(describeEndpoint);
    expect(forgotten).toEqual([]);
  });

  it('every create (201) and every upload that answers JSON is idempotent', () => {
    const forgotten = allEndpoints
      .filter(
        (e) =>
          (e.status === 201 || (e.upload && e.upload !== 'part' && !e.download)) && !e.idempotent,
      )
      .map(describeEndpoint);
    expect(forgotten).toEqual([]);
    expect(allEndpoints.filter((e) => e.upload === 'part' && e.method !== 'PUT')).toEqual([]);
  });

  it('names only endpoints that exist and are not idempotent, and marks no download idempotent', () => {
    const byName = new Map(allEndpoints.map((e) => [e.name, e]));
    const stale = Object.keys(retriedWithoutKey).filter(
      (n) => !byName.has(n) || byName.get(n)?.idempotent,
    );
    expect(stale).toEqual([]);
    expect(allEndpoints.filter((e) => e.idempotent && e.download).map(describeEndpoint)).toEqual(
      [],
    );
  });
});

describe('the Idempotency-Key in the OpenAPI document', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  type Operation = {
    parameters?: { in: string; name: string; required?: boolean }[];
    responses: Record<string, { description: string }>;
  };
  const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

  it('every idempotent endpoint declares the optional header and its 409 and 422 answers; no other does', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    const doc = res.json<{ paths: Record<string, Record<string, Operation>> }>();
    const declares = (e: (typeof allEndpoints)[number]) => {
      const op = doc.paths[openApiPath(e.path)]?.[e.method.toLowerCase()];
      if (!op) throw new Error(`${describeEndpoint(e)} is not in the document`);
      const header = op.parameters?.find(
        (p) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key',
      );
      return {
        header: header ? { required: header.required ?? false } : null,
        inProgress: op.responses['409']?.description.startsWith('idempotency.in_progress') ?? false,
        mismatch:
          op.responses['422']?.description.startsWith('common.idempotency_mismatch') ?? false,
      };
    };
    const idempotent = allEndpoints.filter((e) => e.idempotent);
    expect(idempotent.length).toBeGreaterThan(0);
    for (const e of idempotent)
      expect([describeEndpoint(e), declares(e)]).toEqual([
        describeEndpoint(e),
        { header: { required: false }, inProgress: true, mismatch: true },
      ]);
    for (const e of allEndpoints.filter((x) => !x.idempotent))
      expect([describeEndpoint(e), declares(e).header]).toEqual([describeEndpoint(e), null]);
  });
});
