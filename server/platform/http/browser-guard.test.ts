import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorsFor, call, type Session } from '../../test/actors.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';

/** Cross-site writes are refused; every answer carries the CSP (issue 8 item 8). */

let t: TestApp;
let pub: TestApp;
let admin: Session;
let pubAdmin: Session;
beforeAll(async () => {
  t = await createTestApp();
  pub = await createTestApp({ env: { PUBLIC_URL: 'https://guanai.example.gov.cn/' } });
  admin = await actorsFor(t).asAdmin();
  pubAdmin = await actorsFor(pub).asAdmin();
});
afterAll(async () => {
  await t?.close();
  await pub?.close();
});

const RESTORE = '/api/care-level-rules/restore-defaults';
const restore = (app: TestApp, session: Session, headers: Record<string, string>) =>
  call(app, session, {
    method: 'POST',
    url: RESTORE,
    payload: 'x',
    headers: { 'content-type': 'text/plain', ...headers },
  });

describe('the Origin check', () => {
  it('refuses a cross-site text/plain POST that carries the cookie with 403 http.cross_site', async () => {
    const { status, body } = await restore(t, admin, { origin: 'https://evil.example' });
    expect(status).toBe(403);
    expect(body).toEqual({
      error: { code: 'http.cross_site', message: '拒绝来自其他站点的请求' },
    });
  });

  it('refuses by the Referer when there is no Origin, and an opaque Origin "null"', async () => {
    expect((await restore(t, admin, { referer: 'https://evil.example/page' })).status).toBe(403);
    expect((await restore(t, admin, { origin: 'null' })).status).toBe(403);
    expect((await restore(t, admin, { referer: 'not a url' })).status).toBe(403);
    // another port of the same host is another origin
    expect((await restore(t, admin, { origin: 'http://localhost:8080' })).status).toBe(403);
  });

  it('lets a same-origin write pass (the request’s own host without PUBLIC_URL), and one with neither header', async () => {
    expect((await restore(t, admin, { origin: 'http://localhost:80' })).status).toBe(200);
    expect((await restore(t, admin, { origin: 'http://localhost' })).status).toBe(200);
    expect((await restore(t, admin, { referer: 'http://localhost/care-levels' })).status).toBe(200);
    expect((await restore(t, admin, {})).status).toBe(200);
  });

  it('leaves reads alone, whatever their origin', async () => {
    const res = await call(t, admin, {
      method: 'GET',
      url: '/api/auth/me',
      headers: { origin: 'https://evil.example' },
    });
    expect(res.status).toBe(200);
  });

  it('with PUBLIC_URL compares with it, not with the Host header a client sends', async () => {
    const own = await restore(pub, pubAdmin, { origin: 'https://guanai.example.gov.cn' });
    expect(own.status).toBe(200);
    const spoofed = await restore(pub, pubAdmin, {
      origin: 'http://evil.example',
      host: 'evil.example',
    });
    expect(spoofed.status).toBe(403);
  });
});

describe('headers for browsers', () => {
  it('sends a Content-Security-Policy that forbids framing and foreign scripts', async () => {
    for (const url of ['/api/health', '/api/nowhere']) {
      const res = await t.app.inject({ method: 'GET', url });
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    }
  });

  it('marks the session cookie Secure when PUBLIC_URL is https, and not on plain http', async () => {
    const login = (app: TestApp, user: Session['user']) =>
      app.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: user.username, password: user.password },
      });
    const secure = await login(pub, pubAdmin.user);
    expect(secure.cookies.find((c) => c.name === 'guanai_session')?.secure).toBe(true);
    const plain = await login(t, admin.user);
    expect(plain.cookies.find((c) => c.name === 'guanai_session')?.secure).toBeFalsy();
  });
});
