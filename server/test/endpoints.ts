import type { LightMyRequestResponse } from 'fastify';
import type { Endpoint } from '../platform/contract/endpoint.ts';
import { buildPath } from '../platform/contract/endpoint.ts';
import { routeModules } from '../routes.ts';
import { call, type Answer, type Session } from './actors.ts';
import type { FixtureRequest } from './endpoint-fixtures.ts';
import type { TestApp } from './harness.ts';
import { baseUrlOf, openStream } from './sse.ts';

/** Every endpoint the app registers, with its name in its module's map. */
export type NamedEndpoint = Endpoint & { name: string };

export const allEndpoints: NamedEndpoint[] = routeModules.flatMap((module) =>
  Object.entries(module.endpoints).map(([name, endpoint]) => ({ ...endpoint, name })),
);

export const describeEndpoint = (e: NamedEndpoint) => `${e.name} (${e.method} ${e.path})`;

/**
 * An event stream over a real connection: the status, and the body (an error's JSON, or the live
 * events it sent before `ready`).
 */
export async function sendToStream(
  t: TestApp,
  path: string,
  session: Session | null,
  headers: Record<string, string> = {},
  query: Record<string, string> = {},
): Promise<{ status: number; body: Answer }> {
  const search = new URLSearchParams(query).toString();
  const stream = await openStream(await baseUrlOf(t), session, {
    path: search ? `${path}?${search}` : path,
    headers,
  });
  if (stream.status !== 200) return { status: stream.status, body: stream.body };
  try {
    await stream.next((m) => m.event === 'ready');
    return { status: stream.status, body: stream.events() };
  } finally {
    stream.close();
  }
}

/** Calls an endpoint with a fixture's request, as a session or anonymously. */
export function send(
  t: TestApp,
  e: NamedEndpoint,
  request: FixtureRequest,
  session: Session | null,
): Promise<{ status: number; body: Answer; res?: LightMyRequestResponse }> {
  if (e.stream === 'sse')
    return sendToStream(
      t,
      buildPath(e.path, request.params ?? {}),
      session,
      request.headers,
      request.query,
    );
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
