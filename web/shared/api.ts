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
    /** A key of the caller's own; by default the submission's key (`submissionKey`). */
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

/**
 * The Idempotency-Key of each logical submission, in one place for every write of both apps: the
 * same write (endpoint, path, query and body, or the same File object) sent again while unanswered
 * or answered with a network failure, a 5xx or a 409 (still running) is a retry and goes with the
 * same key, so the server replays its first answer instead of writing twice (double-click, a lost
 * answer, pressing again). A success, or a refusal (4xx: nothing was kept), ends the submission: the
 * same input sent after it is a new submission with a new key; changed input is another one anyway.
 */
const submissionKeys = new Map<string, string>();
const fileIds = new WeakMap<Blob, number>();
let lastFileId = 0;

/** Which submission a request is: what it writes, a file by its identity (the File object). */
function submissionOf(endpoint: Endpoint, url: string, body: string | Blob | undefined): string {
  let content = body ?? '';
  if (body instanceof Blob) {
    let id = fileIds.get(body);
    if (id === undefined) fileIds.set(body, (id = ++lastFileId));
    content = `file ${id}`;
  }
  return `${endpoint.method} ${url}\n${String(content)}`;
}

/** The submission's key: the one of an unfinished earlier send of it, or a new one. */
function submissionKey(submission: string): string {
  let key = submissionKeys.get(submission);
  if (!key) submissionKeys.set(submission, (key = newIdempotencyKey()));
  return key;
}

/** After an answer: keep the key for a retry only when the write may have run (or still runs). */
function settleSubmission(submission: string, key: string, status: number): void {
  const mayHaveRun = status === 0 || status >= 500 || status === 409;
  if (!mayHaveRun && submissionKeys.get(submission) === key) submissionKeys.delete(submission);
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

type RawArgs = {
  params?: Record<string, string | number>;
  query?: Record<string, unknown>;
  signal?: AbortSignal;
  idempotencyKey?: string;
};

/**
 * One request of an endpoint: the language and Idempotency-Key headers, the network failure and an
 * error answer (a lost session sends the user to the login page) become ApiErrors; a success is
 * returned as it came, for the caller to read as JSON or as a file.
 */
/** What an upload has sent so far, and the Idempotency-Key it goes with (its progress is kept under it). */
export type UploadProgress = { key: string | null; sent: number; total: number };

/**
 * fetch, or XMLHttpRequest when the bytes sent are wanted (fetch does not report an upload's
 * progress); both answer a Response, and fail with a TypeError (network) or an AbortError.
 */
function request(
  url: string,
  init: RequestInit & { headers: Record<string, string> },
  onSent?: (sent: number, total: number) => void,
): Promise<Response> {
  if (!onSent) return fetch(url, init);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(init.method ?? 'GET', url);
    xhr.withCredentials = true;
    xhr.responseType = 'blob';
    for (const [name, value] of Object.entries(init.headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (e) => onSent(e.loaded, e.lengthComputable ? e.total : 0);
    xhr.onload = () => {
      const headers = new Headers();
      for (const line of xhr
        .getAllResponseHeaders()
        .trim()
        .split(/[\r\n]+/)) {
        const at = line.indexOf(':');
        if (at > 0) headers.append(line.slice(0, at).trim(), line.slice(at + 1).trim());
      }
      const body = xhr.status === 204 || xhr.status === 304 ? null : (xhr.response as Blob);
      resolve(new Response(body, { status: xhr.status, statusText: xhr.statusText, headers }));
    };
    xhr.onerror = () => reject(new TypeError('network'));
    xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
    init.signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(init.body as XMLHttpRequestBodyInit | null);
  });
}

async function send(
  endpoint: Endpoint,
  a: RawArgs,
  content: {
    body?: BodyInit;
    type?: string;
    accept: string;
    submits: string | Blob | undefined;
    onProgress?: (p: UploadProgress) => void;
  },
): Promise<Response> {
  const headers: Record<string, string> = {
    Accept: content.accept,
    'Accept-Language': currentLanguage(),
  };
  // a FormData body sets its own multipart boundary
  if (content.type) headers['Content-Type'] = content.type;
  const url = buildPath(endpoint.path, a.params) + queryString(a.query);
  const submission = endpoint.idempotent ? submissionOf(endpoint, url, content.submits) : null;
  const key = submission && (a.idempotencyKey ?? submissionKey(submission));
  if (key) headers['Idempotency-Key'] = key;
  const settle = (status: number) => submission && key && settleSubmission(submission, key, status);

  const onProgress = content.onProgress;
  onProgress?.({ key, sent: 0, total: 0 });
  let res: Response;
  try {
    res = await request(
      url,
      {
        method: endpoint.method,
        credentials: 'include',
        headers,
        body: content.body,
        signal: a.signal,
      },
      onProgress && ((sent, total) => onProgress({ key, sent, total })),
    );
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, { code: 'network', message: 'network' });
  }
  settle(res.status);
  if (res.ok) return res;

  const body = (parseJson(await res.text().catch(() => '')) as Partial<ErrorBody> | undefined)
    ?.error;
  if (res.status === 401 && endpoint.path !== LOGIN_PATH) {
    if (body?.code === CommonError.session_expired) noteSessionExpired();
    redirectToLogin();
  }
  throw new ApiError(res.status, body ?? { code: `http_${res.status}`, message: res.statusText });
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

/** A JSON endpoint (an upload or a download goes by `upload` or `download`). */
export async function call<E extends Endpoint & { upload?: undefined; download?: undefined }>(
  endpoint: E,
  ...[args]: NeedsArgs<E> extends true ? [CallArgs<E>] : [CallArgs<E>?]
): Promise<z.infer<E['response']>> {
  const a = (args ?? {}) as RawArgs & { body?: unknown };
  const json = a.body === undefined ? undefined : JSON.stringify(a.body);
  const res = await send(endpoint, a, {
    body: json,
    type: json === undefined ? undefined : 'application/json',
    accept: 'application/json',
    submits: json,
  });
  return parseJson(await res.text()) as z.infer<E['response']>;
}

type FileArgs<E extends Endpoint> = Part<'params', ParamsOf<E>, false> &
  Part<'query', Partial<QueryOf<E>>, true> & {
    signal?: AbortSignal;
    idempotencyKey?: string;
  };

/**
 * The multipart body of an upload endpoint: text fields first (a stored photo's `exif`, as JSON),
 * then the one file in the form field `file`.
 */
function formOf(file: Blob, fields: Record<string, string> = {}): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('file', file, file instanceof File ? file.name : 'upload.xlsx');
  return form;
}

/**
 * An endpoint that takes a file (`upload: 'xlsx'` or `'file'`): the file goes as multipart form
 * field `file` (with `fields` before it), the answer is the endpoint's JSON response. `onProgress`
 * hears the bytes sent, and the submission's Idempotency-Key (under which the server keeps the
 * progress of an Excel check: GET /api/imports/:key/progress).
 */
export async function upload<
  E extends Endpoint & { upload: 'xlsx' | 'file'; download?: undefined },
>(
  endpoint: E,
  args: FileArgs<E> & {
    file: Blob;
    fields?: Record<string, string>;
    onProgress?: (p: UploadProgress) => void;
  },
): Promise<z.infer<E['response']>> {
  const res = await send(endpoint, args as RawArgs, {
    body: formOf(args.file, args.fields),
    accept: 'application/json',
    submits: args.file,
    onProgress: args.onProgress,
  });
  return parseJson(await res.text()) as z.infer<E['response']>;
}

/** The file name of a Content-Disposition header: `filename*=UTF-8''…` first, then `filename=`. */
export function dispositionFileName(header: string | null): string | null {
  if (!header) return null;
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      // a broken encoding: fall back to the plain name
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(header);
  return plain?.[1]?.trim() || null;
}

/**
 * An endpoint that answers a file (`download: 'xlsx'`), sent with the endpoint's file when it is an
 * upload too, or with its JSON body when it has one: the browser saves the answer under the
 * server's file name (Content-Disposition), else under `fileName`. Returns the name saved.
 */
export async function download<E extends Endpoint & { download: 'xlsx' }>(
  endpoint: E,
  args: FileArgs<E> &
    Part<'body', InputOf<E['body']>, false> &
    (E['upload'] extends 'xlsx' ? { file: Blob } : { file?: undefined }) & { fileName: string },
): Promise<string> {
  const { file, body } = args as { file?: Blob; body?: unknown };
  const json = body === undefined ? undefined : JSON.stringify(body);
  const res = await send(endpoint, args as RawArgs, {
    body: file ? formOf(file) : json,
    type: !file && json !== undefined ? 'application/json' : undefined,
    accept: `${XLSX_TYPE}, application/json`,
    submits: file ?? json,
  });
  const blob = await res.blob();
  const name = dispositionFileName(res.headers.get('content-disposition')) ?? args.fileName;
  saveBlob(blob, name);
  return name;
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Hands a blob to the browser as a download. */
function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // the download has started from the click; the URL may go once the event loop moves on
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
