import { afterAll, beforeAll, expect, it } from 'vitest';
import { checkPasswordPolicy } from '../../platform/access/password.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { createInitialAdmin } from './initial-admin.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

it('creates one administrator with a random password that meets the policy and signs in', async () => {
  const first = await createInitialAdmin(t.db, t.config);
  expect(checkPasswordPolicy(first.password, first.username, t.config.passwordPolicy)).toBeNull();
  const login = await t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: first.username, password: first.password },
  });
  expect(login.statusCode).toBe(200);
  expect(login.json()).toMatchObject({ role: 'admin', scope: { divisionCode: null } });

  // Then the administrator builds the tree from its root: a province first.
  const cookie = `guanai_session=${login.cookies.find((c) => c.name === 'guanai_session')?.value}`;
  const province = await t.app.inject({
    method: 'POST',
    url: '/api/divisions',
    headers: { cookie },
    payload: { code: '820000000000', name: '澳门特别行政区' },
  });
  expect(province.statusCode).toBe(201);
  expect(province.json()).toMatchObject({ level: 'province', parentCode: null });
});
