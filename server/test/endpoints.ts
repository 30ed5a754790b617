import type { Endpoint } from '../platform/contract/endpoint.ts';
import { buildPath } from '../platform/contract/endpoint.ts';
import { routeModules } from '../routes.ts';
import { call, type Session } from './actors.ts';
import type { FixtureRequest } from './endpoint-fixtures.ts';
import type { TestApp } from './harness.ts';

/** Every endpoint the app registers, with its name in its module's map. */
export type NamedEndpoint = Endpoint & { name: string };

export const allEndpoints: NamedEndpoint[] = routeModules.flatMap((module) =>
  Object.entries(module.endpoints).map(([name, endpoint]) => ({ ...endpoint, name })),
);

export const describeEndpoint = (e: NamedEndpoint) => `${e.name} (${e.method} ${e.path})`;

/** Calls an endpoint with a fixture's request, as a session or anonymously. */
export function send(
  t: TestApp,
  e: NamedEndpoint,
  request: FixtureRequest,
  session: Session | null,
) {
  return call(t, session, {
    method: e.method,
    url: buildPath(e.path, request.params ?? {}),
    ...(request.query ? { query: request.query } : {}),
    ...(request.raw
      ? { payload: request.raw.payload, headers: request.raw.headers }
      : request.body !== undefined
        ? { payload: request.body }
        : e.body
          ? { payload: {} }
          : {}),
  });
}
