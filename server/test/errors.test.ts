import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodes, errorSpec, locales } from '../platform/contract/errors.ts';
import '../routes.ts';
import { call } from './actors.ts';
import { createTestApp, type TestApp } from './harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('error answers', () => {
  it('answers an unknown API route with 404 common.route_not_found in the { error: { code, message } } shape', async () => {
    const { status, body } = await call(t, null, { method: 'GET', url: '/api/no-such-thing' });
    expect(status).toBe(404);
    expect(body).toEqual({ error: { code: 'common.route_not_found', message: '接口不存在' } });
  });

  it('answers an unknown route in English when the caller asks for en-US', async () => {
    const { status, body } = await call(t, null, {
      method: 'DELETE',
      url: '/api/divisions',
      headers: { 'accept-language': 'en-US,en;q=0.9' },
    });
    expect(status).toBe(404);
    expect(body).toEqual({
      error: { code: 'common.route_not_found', message: 'No such endpoint' },
    });
  });

  it('prefers the lang cookie over Accept-Language', async () => {
    const { body } = await call(t, null, {
      method: 'GET',
      url: '/api/nothing',
      headers: { cookie: 'lang=en-US', 'accept-language': 'zh-CN' },
    });
    expect(body.error.message).toBe('No such endpoint');
  });

  it('answers malformed JSON with 400 common.invalid_input, not a 500', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username": "a", ',
    });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error.code).toBe('common.invalid_input');
    expect(typeof body.error.message).toBe('string');
  });

  it('answers an unsupported content type with a 4xx in the error shape', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/xml' },
      payload: '<login/>',
    });
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('common.unsupported_media_type');
  });

  it('answers a body that fails validation with 400 and one field entry per problem', async () => {
    const { status, body } = await call(t, null, {
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: '' },
    });
    expect(status).toBe(400);
    expect(body.error.code).toBe('common.invalid_input');
    expect(body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual([
      'password',
      'username',
    ]);
    for (const field of body.error.fields) expect(field.message).toMatch(/^(用户名|密码)：/);
  });

  it('sends no-store and nosniff headers on API answers', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });
});

describe('the error-code registry', () => {
  const codes = errorCodes();

  it('holds the codes of every registered module', () => {
    for (const code of [
      'common.route_not_found',
      'auth.invalid_credentials',
      'user.not_found',
      'division.not_found',
      'organisation.not_found',
      'idempotency.in_progress',
    ]) {
      expect(codes).toContain(code);
    }
  });

  it.each(codes)(
    '%s has a status and a message in zh-CN and en-US with the same placeholders',
    (code) => {
      const spec = errorSpec(code);
      expect(spec).toBeDefined();
      if (!spec) return;
      expect(spec.status).toBeGreaterThanOrEqual(400);
      expect(spec.status).toBeLessThan(600);
      for (const locale of locales)
        expect(spec[locale].trim().length, `${code} ${locale}`).toBeGreaterThan(0);
      expect(spec['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
      expect(spec['en-US']).not.toMatch(/[\u4e00-\u9fff]/);
      const placeholders = (text: string) =>
        [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(placeholders(spec['en-US'])).toEqual(placeholders(spec['zh-CN']));
    },
  );

  it('codes are <namespace>.<snake_case>', () => {
    for (const code of codes) expect(code).toMatch(/^[a-z_]+\.[a-z][a-z0-9_]*$/);
  });
});
