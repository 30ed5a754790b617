import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import fastifyMultipart from '@fastify/multipart';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseConfig } from '../../config.ts';
import { multipart } from '../../test/roster-support.ts';
import type { Actor } from '../access/actor.ts';
import { permissionsOf } from '../access/permissions.ts';
import { endpoints } from '../contract/endpoint.ts';
import { XLSX_TYPE } from '../excel/export.ts';
import type { AppContext } from './context.ts';
import { defineRoutes } from './define-routes.ts';
import { installErrorHandler } from './error-handler.ts';

/**
 * A declared upload and a declared download are defineRoutes' work, not the handler's: the file
 * reaches the handler as `file` (read, limited, its errors stable codes), and the handler's file
 * goes out with its type, its RFC 5987 name, never cached, never sniffed. A bare Fastify (no app
 * hooks), so every header seen here is set by defineRoutes.
 */
const testEndpoints = endpoints({
  sheetBack: {
    method: 'POST',
    path: '/api/test/sheet',
    summary: 'an .xlsx up, an .xlsx back',
    permission: 'subject.read',
    scope: 'none',
    upload: 'xlsx',
    download: 'xlsx',
    response: z.any(),
  },
  photo: {
    method: 'GET',
    path: '/api/test/photo',
    summary: 'a stored photo',
    permission: 'subject.read',
    scope: 'none',
    download: 'file',
    response: z.any(),
  },
});

const actor: Actor = {
  userId: '00000000-0000-4000-8000-000000000001',
  username: 'tester',
  role: 'street_officer',
  permissions: new Set(permissionsOf('street_officer')),
  scope: { divisionCode: null, organisationId: null },
  sessionId: 's',
  ip: '127.0.0.1',
  requestId: 'r',
};

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guanai-define-routes-'));
let app: FastifyInstance;
beforeAll(async () => {
  const config = parseConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent', IMPORT_MAX_MB: '0.01' });
  const ctx = { config, authenticate: async () => actor } as unknown as AppContext;
  app = Fastify();
  app.setValidatorCompiler(() => (data) => ({ value: data }));
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  await app.register(fastifyMultipart, { limits: { files: 1, fields: 10 } });
  defineRoutes(testEndpoints, () => ({
    sheetBack: async ({ file }) => ({
      content: Buffer.from(`${file.name}:${file.content.toString()}`),
      fileName: '名册-错误说明 (1).xlsx',
    }),
    photo: async () => ({
      content: Readable.from([Buffer.from('png!')]),
      fileName: '照片.png',
      type: 'image/png',
      size: 4,
    }),
  })).register(app, ctx);
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('defineRoutes: declared uploads and downloads', () => {
  it('hands the uploaded file to the handler and sends its .xlsx with the download headers', async () => {
    const { payload, headers } = multipart(Buffer.from('rows'), 'file', '上报.xlsx');
    const res = await app.inject({ method: 'POST', url: '/api/test/sheet', payload, headers });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe(`${encodeURIComponent('上报.xlsx')}:rows`);
    expect(res.headers['content-type']).toBe(XLSX_TYPE);
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="__-____ (1).xlsx"; filename*=UTF-8''${encodeURIComponent('名册-错误说明')}%20%281%29.xlsx`,
    );
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('refuses a missing file (400) and one over the limit (413) with stable codes', async () => {
    const none = await app.inject({ method: 'POST', url: '/api/test/sheet', payload: {} });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.code).toBe('common.file_required');
    const { payload, headers } = multipart(Buffer.alloc(20 * 1024, 1));
    const big = await app.inject({ method: 'POST', url: '/api/test/sheet', payload, headers });
    expect(big.statusCode).toBe(413);
    expect(big.json().error.code).toBe('common.file_too_large');
  });

  it('sends a stored photo inline as its type, sandboxed, with its length', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/test/photo' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('png!');
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['content-disposition']).toBe(
      `inline; filename="__.png"; filename*=UTF-8''${encodeURIComponent('照片')}.png`,
    );
    expect(res.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
    expect(res.headers['content-length']).toBe('4');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });
});
