import type { z } from 'zod';
import {
  buildPath,
  type Endpoint,
  type ParamsOf,
  type QueryOf,
} from '../../server/platform/contract/endpoint.ts';
import { CommonError, type ErrorBody } from '../../server/platform/contract/errors.ts';
import { currentLanguage } from './i18n.ts';
import { noteSessionExpired } from './session-notice.ts';

/**
 * The API client, typed from the server's endpoint maps: `call(userEndpoints.listUsers, { query })`
 * checks params, query and body against the contract and returns the response type.
 */
export type FieldError = { field: string; code: string; message: string };

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: FieldError[];
  constructor(status: number, body: ErrorBody['error']) {
    super(body.message);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.fields = body.fields ?? [];
  }
}

export function isApiError(err: unknown): err is ApiError {
  return err instanceof ApiError;
}

type InputOf<S> = S extends z.ZodType ? z.input<S> : undefined;
type Part<K extends string, T, Optional extends boolean> = [T] extends [undefined]
  ? { [P in K]?: undefined }
  : Optional extends true
    ? { [P in K]?: T }
    : { [P in K]: T };

/** What a call takes: params when the path has them, a partial query, the body (its input type). */
export type CallArgs<E extends Endpoint> = Part<'params', ParamsOf<E>, false> &
  Part<'query', Partial<QueryOf<E>>, true> &
  Part<'body', InputOf<E['body']>, false> & {
    signal?: AbortSignal;
    /** Reuse a key when retrying the same write; a new one is made otherwise. */
    idempotencyKey?: string;
  };

type NeedsArgs<E extends Endpoint> = E['params'] extends z.ZodType
  ? true
  : E['body'] extends z.ZodType
    ? true
    : false;

/** The login endpoint answers 401 for a wrong password: that is not a lost session. */
const LOGIN_PATH = '/api/auth/login';

let unauthorizedHandler: (() => void) | null = null;

/**
 * The app decides how to reach its login page (router navigation); the default reloads. A session
 * that timed out is noted first (session-notice.ts), for the login page to say so.
 */
export function onUnauthorized(handler: () => void): () => void {
  unauthorizedHandler = handler;
  return () => {
    if (unauthorizedHandler === handler) unauthorizedHandler = null;
  };
}

/** The login page of the app the browser is in: /m/login for the field app, /login otherwise. */
export function loginPath(): string {
  const p = window.location.pathname;
  return p === '/m' || p.startsWith('/m/') ? '/m/login' : '/login';
}

function redirectToLogin(): void {
  if (unauthorizedHandler) return unauthorizedHandler();
  const target = loginPath();
  if (window.location.pathname === target) return;
  const next = window.location.pathname + window.location.search;
  window.location.assign(`${target}?next=${encodeURIComponent(next)}`);
}

/** crypto.randomUUID needs a secure context; a phone on plain http over the LAN has none. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function queryString(query: Record<string, unknown> | undefined): string {
  if (!query) return '';
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const s = search.toString();
  return s ? `?${s}` : '';
}

export async function call<E extends Endpoint>(
  endpoint: E,
  ...[args]: NeedsArgs<E> extends true ? [CallArgs<E>] : [CallArgs<E>?]
): Promise<z.infer<E['response']>> {
  const a = (args ?? {}) as {
    params?: Record<string, string | number>;
    query?: Record<string, unknown>;
    body?: unknown;
    signal?: AbortSignal;
    idempotencyKey?: string;
  };
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': currentLanguage(),
  };
  if (a.body !== undefined) headers['Content-Type'] = 'application/json';
  if (endpoint.idempotent) headers['Idempotency-Key'] = a.idempotencyKey ?? newIdempotencyKey();

  const url = buildPath(endpoint.path, a.params) + queryString(a.query);
  let res: Response;
  try {
    res = await fetch(url, {
      method: endpoint.method,
      credentials: 'include',
      headers,
      body: a.body === undefined ? undefined : JSON.stringify(a.body),
      signal: a.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, { code: 'network', message: 'network' });
  }

  const text = await res.text();
  let data: unknown = undefined;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!res.ok) {
    const body = (data as Partial<ErrorBody> | undefined)?.error;
    if (res.status === 401 && endpoint.path !== LOGIN_PATH) {
      if (body?.code === CommonError.session_expired) noteSessionExpired();
      redirectToLogin();
    }
    throw new ApiError(res.status, body ?? { code: `http_${res.status}`, message: res.statusText });
  }
  return data as z.infer<E['response']>;
}
