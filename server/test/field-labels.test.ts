import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fieldLabel } from '../platform/contract/fields.ts';
import { organisationEndpoints } from '../modules/organisations/contract.ts';
import { subjectEndpoints } from '../modules/subjects/contract.ts';
import { actorsFor, call, type Session } from './actors.ts';
import { allEndpoints, describeEndpoint } from './endpoints.ts';
import { createTestApp, type TestApp } from './harness.ts';

/**
 * Field labels belong to their module: `kind` is 机构类型 in organisations and 人员类型 in subjects,
 * and each module's error messages name its own (they used to share one registry, where the module
 * loaded last named everybody's `kind`).
 */
let t: TestApp;
let admin: Session;
beforeAll(async () => {
  t = await createTestApp();
  admin = await actorsFor(t).asAdmin();
});
afterAll(async () => {
  await t?.close();
});

const refusedKind = async (url: string, locale: string, payload?: unknown) => {
  const res = await call(t, admin, {
    method: payload ? 'POST' : 'GET',
    url,
    ...(payload ? { payload } : {}),
    headers: { 'accept-language': locale },
  });
  expect(res.status).toBe(400);
  const field = (res.body.error.fields as { field: string; message: string }[]).find(
    (f) => f.field === 'kind',
  );
  return field?.message.split(/[：:]/)[0];
};

describe('field labels of a module', () => {
  it('the organisation form names 机构类型, the subject list 人员类型 (zh-CN and en-US)', async () => {
    const organisation = { kind: 'bogus', name: '康乐居家服务', divisionCode: '110101000000' };
    expect(await refusedKind('/api/organisations', 'zh-CN', organisation)).toBe('机构类型');
    expect(await refusedKind('/api/organisations?kind=bogus', 'zh-CN')).toBe('机构类型');
    expect(await refusedKind('/api/subjects?kind=bogus', 'zh-CN')).toBe('人员类型');
    expect(await refusedKind('/api/organisations', 'en-US', organisation)).toBe(
      'Organisation kind',
    );
    expect(await refusedKind('/api/subjects?kind=bogus', 'en-US')).toBe('Kind');
  });

  it('each endpoint map carries its module’s labels', () => {
    const kind = (labels: Parameters<typeof fieldLabel>[2]) => fieldLabel('kind', 'zh-CN', labels);
    expect(kind(organisationEndpoints.createOrganisation.labels)).toBe('机构类型');
    expect(kind(subjectEndpoints.listSubjects.labels)).toBe('人员类型');
  });

  it('every input field of every endpoint has a label in zh-CN and en-US', () => {
    const keysOf = (schema: z.ZodType | undefined): string[] => {
      if (!schema) return [];
      const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as {
        properties?: Record<string, unknown>;
      };
      return Object.keys(json.properties ?? {});
    };
    const unlabelled = allEndpoints.flatMap((e) =>
      [e.params, e.query, e.body]
        .flatMap(keysOf)
        .filter((key) =>
          (['zh-CN', 'en-US'] as const).some((l) => fieldLabel(key, l, e.labels) === key),
        )
        .map((key) => `${describeEndpoint(e)}: ${key}`),
    );
    expect(unlabelled).toEqual([]);
  });
});
