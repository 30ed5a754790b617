import type { z } from 'zod';
import type { FieldLabels } from './fields.ts';
import type { RoutePermission } from './permissions.ts';

/**
 * One endpoint of a module's map: the single declaration that the server registers, the web client
 * calls, the OpenAPI document describes and the route × role test enumerates.
 *
 * - `permission`: a permission of the catalogue, or 'public' (no login) or 'authenticated' (any user).
 * - `scope`: how the data is limited to what the actor may see:
 *   'none' (not person- or place-bound data, e.g. a catalogue), 'self' (the actor's own account),
 *   'division' (rows filtered by the actor's division subtree and organisation; a target outside it
 *   answers not_found), 'street' (as 'division', and an actor below a street also sees the
 *   street-wide object of its own street, such as the street's monthly roster round, of whose
 *   contents it sees only its own part).
 */
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type ScopeRule = 'none' | 'self' | 'division' | 'street';

export type Endpoint = {
  method: Method;
  path: string;
  summary: string;
  permission: RoutePermission;
  scope: ScopeRule;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  response: z.ZodType;
  /** The status of a success; 200 unless said. */
  status?: number;
  /** Writes a client may retry carry an Idempotency-Key header; the first answer is replayed. */
  idempotent?: boolean;
  /**
   * The request is a multipart upload of one file in the form field `file` (an .xlsx, or any
   * stored file), or one part of a file sent in pieces: raw bytes (application/octet-stream) with
   * their place in the `Content-Range` header.
   */
  upload?: 'xlsx' | 'file' | 'part';
  /** The answer is a file to download (an .xlsx, or a stored file), not JSON. */
  download?: 'xlsx' | 'file';
  /**
   * The answer is a stream of server-sent events (text/event-stream) whose messages carry the
   * response schema as their data; it stays open until the client leaves or the session ends.
   */
  stream?: 'sse';
  /** The field labels of the endpoint's module, which its error messages name (`endpoints`). */
  labels?: FieldLabels;
};

export type EndpointMap = Record<string, Endpoint>;

/**
 * A module's endpoint map; with the module's field labels first (`defineFieldLabels`), its error
 * messages name its fields as the module calls them.
 */
export function endpoints<const T extends EndpointMap>(map: T): T;
export function endpoints<const T extends EndpointMap>(
  labels: FieldLabels,
  map: T,
): { [K in keyof T]: T[K] & { labels: FieldLabels } };
export function endpoints(first: EndpointMap | FieldLabels, second?: EndpointMap): EndpointMap {
  if (!second) return first as EndpointMap;
  const labels = first as FieldLabels;
  return Object.fromEntries(Object.entries(second).map(([name, e]) => [name, { ...e, labels }]));
}

type Infer<S> = S extends z.ZodType ? z.infer<S> : undefined;
export type ParamsOf<E extends Endpoint> = Infer<E['params']>;
export type QueryOf<E extends Endpoint> = Infer<E['query']>;
export type BodyOf<E extends Endpoint> = Infer<E['body']>;
export type ResponseOf<E extends Endpoint> = z.infer<E['response']>;

/** Fills `:name` segments of a path. */
export function buildPath(path: string, params: Record<string, string | number> = {}): string {
  return path.replace(/:(\w+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`missing path parameter ${name}`);
    return encodeURIComponent(String(value));
  });
}
