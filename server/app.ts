import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifySseModule, { type SSEPluginOptions } from '@fastify/sse';
import fastifyCompress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, {
  type FastifyInstance,
  type FastifyPluginAsync,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import { jsonSchemaTransform, serializerCompiler } from 'fastify-type-provider-zod';
import type { Config } from './config.ts';
import type { Database } from './db/client.ts';
import { makeAuthenticate, makeSessionCheck, SESSION_COOKIE } from './modules/users/session.ts';
import { createEventHub } from './platform/events/hub.ts';
import { systemClock, type AppContext, type Clock } from './platform/http/context.ts';
import { openFileStore } from './platform/files/store.ts';
import { installBrowserGuard } from './platform/http/browser-guard.ts';
import {
  answerClientError,
  answerFrameworkError,
  installErrorHandler,
} from './platform/http/error-handler.ts';
import { BODY_LIMIT, installBinaryParser, installJsonParser } from './platform/http/input-guard.ts';
import type { JobDefinition } from './platform/jobs/define-job.ts';
import { startJobs, type JobRunnerOptions } from './platform/jobs/runner.ts';
import { bindAuditKeys } from './platform/audit/keys.ts';
import { startAuditSealer } from './platform/jobs/sealer.ts';
import {
  createSensitiveCipher,
  deriveKey,
  loadOrCreateMasterKey,
} from './platform/sensitive/sensitive.ts';
import { jobDefinitions, routeModules } from './routes.ts';

/**
 * The CommonJS module itself is the plugin wrapped by fastify-plugin (its `default` export is the
 * unwrapped one, whose route hook would stay inside an encapsulated context).
 */
const fastifySse = fastifySseModule as unknown as FastifyPluginAsync<SSEPluginOptions>;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const webDist = path.join(root, 'dist', 'web');

export type AppOptions = {
  database: Database;
  config: Config;
  clock?: Clock;
  /** Serve the built web apps (off in API tests). */
  serveWeb?: boolean;
  logger?: boolean;
  /** The durable jobs to run (default `jobDefinitions`; tests add their own). */
  jobs?: JobDefinition[];
  /** Worker polling and cron pass intervals (tests shorten them). */
  jobTiming?: Omit<JobRunnerOptions, 'onError'>;
};

/**
 * A path that is no file and no API is a client-side route of a web app: /m/… the field app,
 * anything else the console. A missing file (a path with an extension) stays a 404.
 */
function sendAppShell(req: FastifyRequest, reply: FastifyReply): boolean {
  const url = req.url.split('?')[0] ?? '/';
  if (req.method !== 'GET' || url.startsWith('/api/') || /\.[a-z0-9]+$/i.test(url)) return false;
  reply.header('Cache-Control', 'no-cache');
  void reply.sendFile(url === '/m' || url.startsWith('/m/') ? 'm/index.html' : 'index.html');
  return true;
}

export async function buildApp(
  opts: AppOptions,
): Promise<{ app: FastifyInstance; ctx: AppContext }> {
  const { database, config } = opts;
  const app = Fastify({
    logger:
      opts.logger === false
        ? false
        : {
            level: config.logLevel,
            redact: ['req.headers.cookie', 'body.password', '*.phone', '*.idNumber'],
          },
    // X-Forwarded-* only from the configured proxies: from anyone else it is the client's claim.
    trustProxy: config.trustProxy.length > 0 ? config.trustProxy : false,
    bodyLimit: BODY_LIMIT,
    genReqId: () => crypto.randomUUID(),
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
  });
  const masterKey = loadOrCreateMasterKey(config.keyFile);
  const base = {
    db: database.db,
    dbKind: database.kind,
    config,
    clock: opts.clock ?? systemClock,
    sensitive: createSensitiveCipher(masterKey),
    auditChainKey: deriveKey(masterKey, 'audit chain'),
    fileStore: await openFileStore(config.files.store),
  };
  // audit(tx, …) signs each row it writes with a key the database does not hold (ADR 0010)
  bindAuditKeys(database.db, base.auditChainKey);
  const events = createEventHub({
    db: database.db,
    listen: database.listen,
    checkSessions: makeSessionCheck(base),
    sessionCheckMs: config.events.sessionCheckMs,
    onError: (err) => app.log.error({ err }, 'live events'),
  });
  await events.start();
  // open streams end before the server closes (it would wait for them); then the LISTEN stops
  app.addHook('preClose', async () => events.stop());
  const ctx: AppContext = { ...base, authenticate: makeAuthenticate(base), events };

  // Requests are validated by defineRoutes (messages in the caller's language); responses are
  // serialised through their zod schema, so fields outside the contract never leave.
  app.setValidatorCompiler(() => (data) => ({ value: data }));
  app.setSerializerCompiler(serializerCompiler);
  const serveWeb = opts.serveWeb !== false && fs.existsSync(path.join(webDist, 'index.html'));
  installErrorHandler(app, { fallback: serveWeb ? sendAppShell : undefined });
  installJsonParser(app);
  installBinaryParser(app);

  await app.register(fastifyCookie);
  installBrowserGuard(app, {
    publicUrl: config.publicUrl,
    // the map's online tiles, and only when configured (MAP_TILE_URL)
    imgSources: config.map.tiles ? [config.map.tiles.cspSource] : [],
  });
  await app.register(fastifyMultipart, { limits: { files: 1, fields: 10 } });
  // answers of 1 KB and more go compressed to a client that accepts it (a phone's first sync of
  // its caseload on a slow link: about a ninth of the bytes); event streams never are
  await app.register(fastifyCompress, { threshold: 1024, encodings: ['br', 'gzip'] });
  // GET /api/events: heartbeat comments keep proxies from closing an idle stream
  await app.register(fastifySse, { heartbeatInterval: config.events.heartbeatMs });
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Guanai 关爱 API',
        version: '0.1.0',
        description: '探访关爱与智慧养老运营平台接口',
      },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, () => app.swagger());

  app.addHook('onSend', async (req, reply, payload) => {
    if (req.url.startsWith('/api/')) reply.header('Cache-Control', 'no-store');
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'same-origin');
    return payload;
  });

  for (const module of routeModules) module.register(app, ctx);

  if (serveWeb) {
    // Built files as they are on disk now (a rebuild needs no restart); hashed assets are immutable.
    await app.register(fastifyStatic, {
      root: webDist,
      index: 'index.html',
      setHeaders: (reply, file) => {
        if (file.includes(`${path.sep}assets${path.sep}`)) {
          reply.header('Cache-Control', 'public, max-age=31536000, immutable');
        } else if (file.endsWith('.html')) {
          reply.header('Cache-Control', 'no-cache');
        }
      },
    });
  }

  // Durable jobs on pg-boss, and the audit chain sealed every second (ADR 0006).
  const runner = await startJobs(database, ctx, opts.jobs ?? jobDefinitions, {
    ...opts.jobTiming,
    onError: (err, queue) =>
      queue ? app.log.warn({ err, queue }, 'a job run failed') : app.log.error({ err }, 'pg-boss'),
  });
  const sealer = startAuditSealer(
    ctx.db,
    ctx.auditChainKey,
    (err) => app.log.error({ err }, 'sealing the audit log failed'),
    { dir: config.audit.checkpointDir, everyMs: config.audit.checkpointEveryMs, clock: ctx.clock },
  );
  app.addHook('onClose', async () => {
    await sealer.stop();
    await runner.stop();
  });
  return { app, ctx };
}
