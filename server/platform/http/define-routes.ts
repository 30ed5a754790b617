import type {} from '@fastify/sse';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Actor } from '../access/actor.ts';
import { isPermission } from '../access/permissions.ts';
import type {
  BodyOf,
  Endpoint,
  EndpointMap,
  ParamsOf,
  QueryOf,
  ResponseOf,
} from '../contract/endpoint.ts';
import { ErrorResponse } from '../contract/common.ts';
import { CommonError, type Locale } from '../contract/errors.ts';
import { requestLocale } from '../i18n/locale.ts';
import { validationErrorMaps } from '../i18n/validation.ts';
import { AppError } from './app-error.ts';
import type { Db } from '../../db/client.ts';
import type { AppContext } from './context.ts';
import { fieldsFromIssues, type Naming } from './error-handler.ts';
import { sendDownload, type DownloadOf } from './download.ts';
import { uploadedFile, uploadedPart, uploadSpec, type Upload, type UploadPart } from './upload.ts';
import { idempotencySchema, withIdempotency } from './idempotency.ts';
import { inputError, inputProblem } from './input-guard.ts';
import { trackedWork, untrackedWork, type ImportWork } from '../imports/progress.ts';

export type HandlerInput<E extends Endpoint> = {
  actor: E['permission'] extends 'public' ? Actor | null : Actor;
  params: ParamsOf<E>;
  query: QueryOf<E>;
  body: BodyOf<E>;
  /** A declared upload (`upload: 'xlsx' | 'file'`), read and limited by defineRoutes. */
  file: E['upload'] extends 'xlsx' | 'file' ? Upload : undefined;
  /** A declared part of a file (`upload: 'part'`): its bytes and their place. */
  part: E['upload'] extends 'part' ? UploadPart : undefined;
  locale: Locale;
  req: FastifyRequest;
  reply: FastifyReply;
  /**
   * The work of an Excel upload (`upload: 'xlsx'`): its loops take turns with other requests, and
   * their progress is recorded for the uploader under the request's Idempotency-Key
   * (GET /api/imports/:key/progress); without a key it only takes turns.
   */
  work: ImportWork;
  /** What the endpoint's `prepare` answered (see defineRoutes), else undefined. */
  prepared: unknown;
};

/** What a handler answers: the response, a declared download's file (defineRoutes sends it), or nothing for a stream. */
export type AnswerOf<E extends Endpoint> = E['stream'] extends 'sse'
  ? void
  : E['download'] extends 'xlsx' | 'file'
    ? DownloadOf<E['download']>
    : ResponseOf<E>;

export type Handlers<M extends EndpointMap> = {
  [K in keyof M]: (input: HandlerInput<M[K]>) => Promise<AnswerOf<M[K]>>;
};

/**
 * Work of an endpoint done before its handler, outside the transaction of an idempotent write (and
 * not at all when the key's answer is replayed): long reads such as the check of an upload, so that
 * the transaction stays short and other requests (on PGlite: every query) are not held meanwhile.
 * It runs with the app's database and writes nothing; the handler gets its answer as `prepared`.
 */
export type Preparations<M extends EndpointMap> = {
  [K in keyof M]?: (input: HandlerInput<M[K]>) => Promise<unknown>;
};

/** A module's routes: its endpoint map and the handlers, which only call services and queries. */
export type RouteModule = {
  endpoints: EndpointMap;
  register(app: FastifyInstance, ctx: AppContext): void;
};

export function defineRoutes<M extends EndpointMap>(
  map: M,
  makeHandlers: (ctx: AppContext) => Handlers<M>,
  makePreparations?: (ctx: AppContext) => Preparations<M>,
): RouteModule {
  return {
    endpoints: map,
    register(app, ctx) {
      const handlers = makeHandlers(ctx);
      const preparations: Preparations<M> = makePreparations?.(ctx) ?? {};
      for (const [name, endpoint] of Object.entries(map)) {
        const handler = handlers[name as keyof M];
        if (!handler) throw new Error(`endpoint ${name} has no handler`);
        // the handler on another database: an idempotent write's transaction (idempotency.ts)
        const on = (db: Db) =>
          (db === ctx.db ? handler : makeHandlers({ ...ctx, db })[name as keyof M]) as (
            input: HandlerInput<Endpoint>,
          ) => Promise<unknown>;
        const prepare = preparations[name as keyof M] as
          ((input: HandlerInput<Endpoint>) => Promise<unknown>) | undefined;
        registerEndpoint(app, ctx, name, endpoint, on, prepare);
      }
    },
  };
}

function assertDeclared(name: string, e: Endpoint): void {
  const known =
    e.permission === 'public' || e.permission === 'authenticated' || isPermission(e.permission);
  if (!known)
    throw new Error(
      `endpoint ${name} (${e.method} ${e.path}) declares unknown permission "${e.permission}"`,
    );
  if (!['none', 'self', 'division', 'street'].includes(e.scope)) {
    throw new Error(`endpoint ${name} (${e.method} ${e.path}) declares no scope rule`);
  }
}

/** One part of a request (`body`, `query`, `params`) checked; a problem of the whole is named after it. */
function parsePart(
  part: 'body' | 'query' | 'params',
  schema: z.ZodType | undefined,
  value: unknown,
  naming: Naming,
): unknown {
  if (!schema) return undefined;
  const problem = inputProblem(value);
  if (problem) throw inputError(problem, naming);
  const result = schema.safeParse(value ?? {}, { error: validationErrorMaps[naming.locale] });
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => (i.path.length ? i : { ...i, path: [part] }));
  const fields = fieldsFromIssues(issues, naming);
  throw new AppError(CommonError.invalid_input, {
    params: { summary: fields.map((f) => f.message).join('；') },
    fields,
  });
}

function registerEndpoint(
  app: FastifyInstance,
  ctx: AppContext,
  name: string,
  e: Endpoint,
  handlerOn: (db: Db) => (input: HandlerInput<Endpoint>) => Promise<unknown>,
  prepare?: (input: HandlerInput<Endpoint>) => Promise<unknown>,
): void {
  assertDeclared(name, e);
  const status = e.status ?? 200;
  app.route({
    method: e.method,
    url: e.path,
    schema: {
      operationId: name,
      summary: e.summary,
      tags: [e.path.split('/')[2] ?? 'api'],
      ...(e.params ? { params: e.params } : {}),
      ...(e.query ? { querystring: e.query } : {}),
      ...(e.body ? { body: e.body } : {}),
      ...(e.idempotent ? { headers: idempotencySchema.headers } : {}),
      ...(e.permission !== 'public' ? { security: [{ session: [] }] } : {}),
      response: {
        [status]: e.response,
        ...(e.idempotent ? idempotencySchema.responses : {}),
        '4xx': ErrorResponse,
        '5xx': ErrorResponse,
      },
    },
    config: { permission: e.permission, scope: e.scope, labels: e.labels, upload: e.upload },
    // an event stream: reply.sse from @fastify/sse; the handler streams, errors before it are JSON
    ...(e.stream === 'sse' ? { sse: 'manual' as const } : {}),
    handler: async (req, reply) => {
      const locale = requestLocale(req);
      const naming = { locale, labels: e.labels };
      const authentication = await ctx.authenticate(req, reply);
      const actor = authentication === 'session_expired' ? null : authentication;
      if (e.permission !== 'public') {
        if (authentication === 'session_expired') throw new AppError(CommonError.session_expired);
        if (!actor) throw new AppError(CommonError.unauthenticated);
        if (e.permission !== 'authenticated' && !actor.permissions.has(e.permission)) {
          throw new AppError(CommonError.forbidden);
        }
      }
      const input: HandlerInput<Endpoint> = {
        actor: actor as Actor,
        params: parsePart('params', e.params, req.params, naming) as never,
        query: parsePart('query', e.query, req.query, naming) as never,
        body: parsePart('body', e.body, req.body, naming) as never,
        file: undefined as never,
        part: (e.upload === 'part' ? uploadedPart(req) : undefined) as never,
        locale,
        req,
        reply,
        work: workOf(ctx, e, req, actor),
        prepared: undefined,
      };
      if (e.stream === 'sse') {
        // the stream has sent its headers and stays open; nothing more for Fastify to send
        await handlerOn(ctx.db)(input);
        return undefined;
      }
      const upload =
        e.upload === 'xlsx' || e.upload === 'file' ? uploadSpec(ctx, e.upload) : undefined;
      // the upload is read once per request (before an idempotent write's transaction, for its
      // fingerprint), then the endpoint's preparation runs, outside the transaction
      const before = async () => {
        if (upload) input.file = (await uploadedFile(req, upload)) as never;
        if (prepare) input.prepared = await prepare(input);
      };
      const run = (db: Db) => handlerOn(db)(input);
      // (an answer kept is looked for before the preparation only when there is one to skip)
      const result = e.idempotent
        ? await withIdempotency(
            ctx,
            req,
            actor,
            status,
            run,
            upload,
            upload || prepare ? before : undefined,
          )
        : await before().then(() => run(ctx.db));
      // the last progress written (outside the transaction, now committed) before the answer goes
      input.work.finish();
      await input.work.settled();
      reply.status(status);
      return e.download ? sendDownload(reply, e.download, result as DownloadOf<'file'>) : result;
    },
  });
}

/** An Excel upload's work: tracked under the uploader's Idempotency-Key when it has one. */
function workOf(ctx: AppContext, e: Endpoint, req: FastifyRequest, actor: Actor | null) {
  const key = req.headers['idempotency-key'];
  const valid = typeof key === 'string' && key.length >= 8 && key.length <= 100;
  return e.upload === 'xlsx' && actor && valid
    ? trackedWork(ctx.db, actor.userId, key)
    : untrackedWork();
}
