import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorsFor, call, type Session } from '../../test/actors.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { inputProblem, jsonDepth } from './input-guard.ts';

/** The checks every request passes before a schema sees it (issue 8 item 5). */

let t: TestApp;
let admin: Session;
beforeAll(async () => {
  t = await createTestApp();
  admin = await actorsFor(t).asAdmin();
});
afterAll(async () => {
  await t?.close();
});

const postJson = (url: string, payload: string | Buffer, session: Session | null = null) =>
  call(t, session, {
    method: 'POST',
    url,
    payload,
    headers: { 'content-type': 'application/json' },
  });

describe('inputProblem and jsonDepth', () => {
  it('find a NUL, a lone surrogate and a prototype key by their path, and leave a paired surrogate alone', () => {
    expect(inputProblem({ a: ['ok', 'x\u0000'] })).toEqual({
      path: ['a', '1'],
      reason: 'nul_character',
    });
    expect(inputProblem({ name: 'a\ud800' })).toEqual({
      path: ['name'],
      reason: 'invalid_unicode',
    });
    expect(inputProblem({ name: '\udc00z' })?.reason).toBe('invalid_unicode');
    expect(inputProblem({ name: '𠀋家 😀' })).toBeNull();
    expect(inputProblem(JSON.parse('{"__proto__":{"x":1}}'))?.reason).toBe('forbidden_key');
    expect(inputProblem({ ['k\ud800']: 1 })?.reason).toBe('invalid_unicode');
  });

  it('walk 100,000 levels without overflowing the stack', () => {
    let deep: unknown = 'end';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(inputProblem(deep)?.reason).toBe('too_deep');
    expect(inputProblem(deep, 200_000)).toBeNull();
  });

  it('counts nesting outside strings only', () => {
    expect(jsonDepth('{"a":[1,{"b":"[[[[{{{"}]}', 100)).toBe(3);
    expect(jsonDepth('"\\"[["', 100)).toBe(0);
  });
});

describe('a request the schemas never see', () => {
  it('answers JSON nested 10,000 deep on the login with 400 naming the body, not a 500', async () => {
    const deep = '{"username":'.repeat(10_000) + '1' + '}'.repeat(10_000);
    const { status, body } = await postJson('/api/auth/login', deep);
    expect(status).toBe(400);
    expect(body.error).toMatchObject({
      code: 'common.invalid_input',
      fields: [
        { field: 'body', code: 'too_deep', message: '请求内容：嵌套层数过多（最多 32 层）' },
      ],
    });
  });

  it('refuses a lone surrogate in a text field as a field error, before the audit insert', async () => {
    const { status, body } = await postJson(
      '/api/auth/login',
      '{"username":"adm\\ud800in","password":"x"}',
    );
    expect(status).toBe(400);
    expect(body.error.fields).toEqual([
      {
        field: 'username',
        code: 'invalid_unicode',
        message: '用户名：含有无效的 Unicode 字符（孤立的代理项）',
      },
    ]);
  });

  it('refuses a lone surrogate in a write that audits (a care-level rule set) with 400', async () => {
    const res = await call(t, admin, {
      method: 'POST',
      url: '/api/organisations',
      payload: '{"name":"\\udfff站","kind":"service_org"}',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0]).toMatchObject({ field: 'name', code: 'invalid_unicode' });
  });

  it('refuses invalid UTF-8 bytes and malformed JSON as problems of the body', async () => {
    const bytes = Buffer.concat([Buffer.from('{"username":"'), Buffer.from([0xc3, 0x28, 0xff])]);
    const bad = await postJson('/api/auth/login', Buffer.concat([bytes, Buffer.from('"}')]));
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0]).toMatchObject({ field: 'body', code: 'invalid_encoding' });
    const malformed = await postJson('/api/auth/login', '{"username": ');
    expect(malformed.body.error.fields[0]).toMatchObject({ field: 'body', code: 'invalid_json' });
  });

  it('refuses a __proto__ key with 400', async () => {
    const { status, body } = await postJson(
      '/api/auth/login',
      '{"username":"a","password":"b","__proto__":{"admin":true}}',
    );
    expect(status).toBe(400);
    expect(body.error.fields[0]).toMatchObject({ field: '__proto__', code: 'forbidden_key' });
  });

  it('answers a body over 2 MB with 413 common.payload_too_large', async () => {
    const { status, body } = await postJson(
      '/api/auth/login',
      JSON.stringify({ username: 'a'.repeat(3 * 1024 * 1024) }),
    );
    expect(status).toBe(413);
    expect(body.error).toEqual({
      code: 'common.payload_too_large',
      message: '请求内容过大，不能超过 2048 KB',
    });
  });

  it('answers a 5,000-character path parameter in the error shape, not Fastify’s own 414 body', async () => {
    for (const url of [`/api/users/${'a'.repeat(5000)}`, `/api/divisions/${'1'.repeat(5000)}`]) {
      const { status, body } = await call(t, admin, { method: 'GET', url });
      expect(status).toBeGreaterThanOrEqual(400);
      expect(status).toBeLessThan(500);
      expect(Object.keys(body)).toEqual(['error']);
      expect(body.error.code).toMatch(/^common\./);
    }
    const long = await call(t, admin, { method: 'GET', url: `/api/users/${'a'.repeat(5000)}` });
    expect(long.body.error.code).toBe('common.url_too_long');
  });

  it('answers an invalid percent-encoding in the path with 400 common.invalid_url', async () => {
    const { status, body } = await call(t, admin, { method: 'GET', url: '/api/users/%E0%A4%A' });
    expect(status).toBe(400);
    expect(body).toEqual({
      error: { code: 'common.invalid_url', message: '请求地址含有无效的编码' },
    });
  });

  it('answers an unsupported content type with 415 common.unsupported_media_type', async () => {
    const res = await call(t, null, {
      method: 'POST',
      url: '/api/auth/login',
      payload: '<login/>',
      headers: { 'content-type': 'application/xml' },
    });
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe('common.unsupported_media_type');
  });

  it('answers request headers over Node’s limit with 431 in the error shape, on a real socket', async () => {
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = new URL(address);
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(Number(port), '127.0.0.1');
      let data = '';
      socket.on('data', (chunk) => (data += chunk.toString()));
      // the server closes with part of the request unread, which may reset the connection
      socket.on('close', () => resolve(data));
      socket.on('error', (err) => (data ? resolve(data) : reject(err)));
      socket.write(
        `GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20 * 1024)}\r\n\r\n`,
      );
    });
    expect(answer).toMatch(/^HTTP\/1\.1 431 /);
    const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4));
    expect(body).toEqual({ error: { code: 'common.header_too_large', message: '请求头过大' } });
  });
});
