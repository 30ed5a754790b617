import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler } from 'fastify-type-provider-zod';
import type { Config } from './config.ts';
import type { Database } from './db/client.ts';
import { makeAuthenticate } from './modules/users/session.ts';
import { startAuditSealer } from './platform/audit/audit.ts';
import { systemClock, type AppContext, type Clock } from './platform/http/context.ts';
import { installErrorHandler } from './platform/http/error-handler.ts';
import {
  createSensitiveCipher,
  deriveKey,
  loadOrCreateMasterKey,
} from './platform/sensitive/sensitive.ts';
import { routeModules } from './routes.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const webDist = path.join(root, 'dist', 'web');

export type AppOptions = {
  database: Database;
  config: Config;
  clock?: Clock;
  /** Serve the built web apps (off in API tests). */
  serveWeb?: boolean;
  logger?: boolean;
};

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
    trustProxy: true,
    bodyLimit: 2 * 1024 * 1024,
    genReqId: () => crypto.randomUUID(),
  });
  const masterKey = loadOrCreateMasterKey(config.keyFile);
  const base = {
    db: database.db,
    dbKind: database.kind,
    config,
    clock: opts.clock ?? systemClock,
    sensitive: createSensitiveCipher(masterKey),
    auditChainKey: deriveKey(masterKey, 'audit chain'),
  };
  const ctx: AppContext = { ...base, authenticate: makeAuthenticate(base) };

  // Requests are validated by defineRoutes (messages in the caller's language); responses are
  // serialised through their zod schema, so fields outside the contract never leave.
  app.setValidatorCompiler(() => (data) => ({ value: data }));
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);

  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Guanai 关爱 API',
        version: '0.1.0',
        description: '探访关爱与智慧养老运营平台接口',
      },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'guanai_session' } },
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

  if (opts.serveWeb !== false && fs.existsSync(path.join(webDist, 'index.html'))) {
    await app.register(fastifyStatic, { root: webDist, wildcard: false, index: false });
    // Built files are routes of their own; any other path is a client-side route of an app:
    // /m/… the field app, everything else outside /api the console.
    app.get('/*', { schema: { hide: true } }, (req, reply) => {
      const url = req.url.split('?')[0] ?? '/';
      if (url.startsWith('/api/')) return reply.callNotFound();
      reply.header('Cache-Control', 'no-cache');
      return reply.sendFile(url === '/m' || url.startsWith('/m/') ? 'm/index.html' : 'index.html');
    });
  }

  const sealer = startAuditSealer(database.db, ctx.auditChainKey, (err) =>
    app.log.error({ err }, 'audit sealer failed'),
  );
  app.addHook('onClose', async () => sealer.stop());
  return { app, ctx };
}
