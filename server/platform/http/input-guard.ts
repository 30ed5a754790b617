import type { FastifyInstance } from 'fastify';
import { CommonError } from '../contract/errors.ts';
import { AppError } from './app-error.ts';
import { fieldsFromIssues, namingOf, type Naming } from './error-handler.ts';

/**
 * What every request's input must be before any schema sees it, for every route in one place: a JSON
 * body in valid UTF-8, nested at most MAX_DEPTH deep, within the body limit; no string or key holding
 * a NUL character (PostgreSQL cannot store it) or a lone UTF-16 surrogate (no UTF-8 encoding exists:
 * the insert would fail), and no key that reaches an object's prototype.
 */
export const MAX_DEPTH = 32;
/** The largest request body (uploads have their own limit, IMPORT_MAX_MB). */
export const BODY_LIMIT = 2 * 1024 * 1024;

export type InputProblem = {
  path: string[];
  reason:
    | 'nul_character'
    | 'invalid_unicode'
    | 'too_deep'
    | 'forbidden_key'
    | 'invalid_encoding'
    | 'invalid_json';
};

/** With the u flag a paired surrogate is one astral code point; only a lone one is in Cs. */
const LONE_SURROGATE = /\p{Cs}/u;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function stringProblem(text: string): InputProblem['reason'] | null {
  if (text.includes('\u0000')) return 'nul_character';
  if (LONE_SURROGATE.test(text)) return 'invalid_unicode';
  return null;
}

type Visit = { value: unknown; key: string; parent: Visit | null; depth: number };

function pathOf(visit: Visit): string[] {
  const path: string[] = [];
  for (let v: Visit | null = visit; v?.parent; v = v.parent) path.unshift(v.key);
  return path;
}

/**
 * The first problem of a parsed value (params, query or body), walked without recursion and without
 * copying paths (a path is built only for the problem found), so any depth costs linear time.
 */
export function inputProblem(value: unknown, maxDepth = MAX_DEPTH): InputProblem | null {
  const stack: Visit[] = [{ value, key: '', parent: null, depth: 0 }];
  while (stack.length > 0) {
    const visit = stack.pop() as Visit;
    const current = visit.value;
    if (typeof current === 'string') {
      const reason = stringProblem(current);
      if (reason) return { path: pathOf(visit), reason };
      continue;
    }
    if (!current || typeof current !== 'object') continue;
    if (visit.depth >= maxDepth) return { path: pathOf(visit), reason: 'too_deep' };
    for (const key of Object.keys(current)) {
      const child: Visit = {
        value: (current as Record<string, unknown>)[key],
        key,
        parent: visit,
        depth: visit.depth + 1,
      };
      if (FORBIDDEN_KEYS.has(key)) return { path: pathOf(child), reason: 'forbidden_key' };
      const reason = stringProblem(key);
      if (reason) return { path: pathOf(child), reason };
      stack.push(child);
    }
  }
  return null;
}

/** A refusal naming the field (`body` when the problem is the body as a whole). */
export function inputError(problem: InputProblem, naming: Naming): AppError {
  const fields = fieldsFromIssues(
    [{ code: 'custom', path: problem.path, message: problem.reason, input: undefined }],
    naming,
    problem.path.length === 0 ? 'body' : undefined,
  ).map((f) => ({ ...f, code: problem.reason }));
  return new AppError(CommonError.invalid_input, {
    params: { summary: fields.map((f) => f.message).join('；') },
    fields,
  });
}

/** The deepest nesting of a JSON text, counted without parsing it (strings skipped). */
export function jsonDepth(text: string, stopAt: number): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth++;
      if (depth > deepest) deepest = depth;
      if (deepest > stopAt) return deepest;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

const bodyError = (reason: InputProblem['reason'], naming: Naming) =>
  inputError({ path: [], reason }, naming);

/**
 * The one JSON body parser: refuses invalid UTF-8, malformed JSON and nesting deeper than MAX_DEPTH
 * as field errors on `body`; a body too large is refused by Fastify's bodyLimit (413) before this.
 */
export function installJsonParser(app: FastifyInstance): void {
  const naming = namingOf;
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'buffer', bodyLimit: BODY_LIMIT },
    (req, body: Buffer, done) => {
      if (body.length === 0) return done(null, undefined);
      let text: string;
      try {
        text = utf8.decode(body);
      } catch {
        return done(bodyError('invalid_encoding', naming(req)), undefined);
      }
      if (jsonDepth(text, MAX_DEPTH) > MAX_DEPTH)
        return done(bodyError('too_deep', naming(req)), undefined);
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        return done(bodyError('invalid_json', naming(req)), undefined);
      }
      const problem = inputProblem(parsed);
      if (problem) return done(inputError(problem, naming(req)), undefined);
      done(null, parsed);
    },
  );
}

/**
 * Raw bytes (`application/octet-stream`) only for an endpoint that takes a part of a file
 * (`upload: 'part'`), within the body limit; any other endpoint refuses them as it refuses any
 * body that is not JSON.
 */
export function installBinaryParser(app: FastifyInstance): void {
  app.addContentTypeParser(
    'application/octet-stream',
    { parseAs: 'buffer', bodyLimit: BODY_LIMIT },
    (req, body: Buffer, done) => {
      const config = req.routeOptions.config as { upload?: string } | undefined;
      if (config?.upload !== 'part')
        return done(
          new AppError(CommonError.unsupported_media_type, {
            params: { type: 'application/octet-stream' },
          }),
          undefined,
        );
      done(null, body);
    },
  );
}
