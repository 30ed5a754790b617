import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Role } from '../platform/contract/common.ts';
import {
  makeUser,
  type MakeUserOverrides,
  type TestDivision,
  type TestOrganisation,
  type TestUser,
} from './factories.ts';
import type { TestApp } from './harness.ts';

/**
 * Actor builders: a user of a role, logged in through `POST /api/auth/login` (the real session path),
 * as headers for `app.inject`: `const as = actorsFor(t); await as.asStreetOfficer(street)`.
 */
export type Session = { user: TestUser; cookie: string; headers: { cookie: string } };

type Where = TestDivision | string | null;
const codeOf = (where?: Where): string | null | undefined =>
  where && typeof where === 'object' ? where.code : where;

/** Logs a user in; throws with the answer when the login fails. */
export async function logIn(t: TestApp, user: TestUser): Promise<Session> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: user.username, password: user.password },
  });
  const session = res.cookies.find((c) => c.name === 'guanai_session');
  if (res.statusCode !== 200 || !session)
    throw new Error(`login of ${user.username} failed: ${res.statusCode} ${res.body}`);
  const cookie = `guanai_session=${session.value}`;
  return { user, cookie, headers: { cookie } };
}

/** Makes a user (see makeUser) and logs them in. */
export async function loggedIn(t: TestApp, overrides: MakeUserOverrides = {}): Promise<Session> {
  return logIn(t, await makeUser(t.db, overrides));
}

export function actorsFor(t: TestApp) {
  const as = (role: Role, where?: Where, extra: MakeUserOverrides = {}) =>
    loggedIn(t, {
      role,
      ...(codeOf(where) !== undefined ? { divisionCode: codeOf(where) } : {}),
      ...extra,
    });
  return {
    as,
    asAdmin: () => as('admin', null),
    asDistrictAdmin: (district?: Where) => as('district_admin', district),
    asDistrictOfficer: (district?: Where, extra?: MakeUserOverrides) =>
      as('district_officer', district, extra),
    asStreetOfficer: (street?: Where) => as('street_officer', street),
    asCommunityWorker: (community?: Where) => as('community_worker', community),
    /** An organisation administrator of `org`, scoped to the organisation's division unless told. */
    asOrgAdmin: (org?: TestOrganisation, where?: Where) =>
      as('org_admin', where ?? org?.divisionCode, org ? { organisationId: org.id } : {}),
    asVisitor: (org?: TestOrganisation, where?: Where) =>
      as('visitor', where, org ? { organisationId: org.id } : {}),
    asElder: (community?: Where) => as('elder', community),
  };
}

/** A parsed JSON answer; tests read its fields freely and assert them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Answer = any;

/** `app.inject` as a session (or anonymously with null), answering with status and parsed JSON. */
export async function call(
  t: TestApp,
  session: Session | null,
  opts: {
    method: InjectOptions['method'];
    url: string;
    payload?: unknown;
    headers?: Record<string, string>;
    query?: Record<string, string>;
    /** The caller's address (the login throttle counts failures per address). */
    remoteAddress?: string;
  },
): Promise<{ status: number; body: Answer; res: LightMyRequestResponse }> {
  const res = await t.app.inject({
    method: opts.method,
    url: opts.url,
    ...(opts.query ? { query: opts.query } : {}),
    ...(opts.remoteAddress ? { remoteAddress: opts.remoteAddress } : {}),
    ...(opts.payload !== undefined ? { payload: opts.payload as InjectOptions['payload'] } : {}),
    headers: { ...(session ? session.headers : {}), ...opts.headers },
  });
  let body: Answer = undefined;
  try {
    body = res.body ? JSON.parse(res.body) : undefined;
  } catch {
    body = res.body;
  }
  return { status: res.statusCode, body, res };
}
