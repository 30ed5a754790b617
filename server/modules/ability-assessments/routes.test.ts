import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../db/client.ts';
import { actorsFor, call, type Session } from '../../test/actors.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { abilityItems } from './contract.ts';

let t: TestApp;
let worker: Session;
let visitor: Session;

beforeAll(async () => {
  t = await createTestApp();
  const as = actorsFor(t);
  worker = await as.asCommunityWorker();
  visitor = await as.asVisitor();
});
afterAll(async () => {
  await t?.close();
});

const EN = { 'accept-language': 'en-US' };
const allMax = () => Object.fromEntries(abilityItems.map((i) => [i.code, i.max]));
const score = (payload: unknown, session: Session | null = worker, headers = {}) =>
  call(t, session, { method: 'POST', url: '/api/ability-assessments/score', payload, headers });
type Field = { field: string; code: string; message: string };
const fieldsOf = (body: { error: { fields?: Field[] } }) => body.error.fields ?? [];

/** The rows of every table of the application's schema. */
async function rowCounts(): Promise<Record<string, number>> {
  const tables = await rows<{ name: string }>(
    t.db,
    sql`select table_name as name from information_schema.tables
        where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const [row] = await rows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from ${sql.identifier(name)}`,
    );
    counts[name] = row?.n ?? 0;
  }
  return counts;
}

describe('POST /api/ability-assessments/score', () => {
  it('answers the issue’s example: all items at their highest → 90, intact (0)', async () => {
    const res = await score({
      answers: allMax(),
      coma: false,
      dementiaOrMental: false,
      riskEvents30d: 0,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 90, preliminaryLevel: 0, finalLevel: 0 });
    expect(res.body.subtotals).toEqual([
      { domain: 'self_care', score: 32, max: 32 },
      { domain: 'motor', score: 15, max: 15 },
      { domain: 'mental', score: 28, max: 28 },
      { domain: 'perception_social', score: 15, max: 15 },
    ]);
  });

  it('takes absent adjustments as none; all zeros → 0, complete loss (4)', async () => {
    const answers = Object.fromEntries(abilityItems.map((i) => [i.code, 0]));
    const res = await score({ answers });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 0, preliminaryLevel: 4, finalLevel: 4 });
  });

  it('applies the adjustments: coma → 4; dementia and two risk events stack (2 → 4)', async () => {
    // 90 − 32 (self-care all 0) = 58: moderately impaired (2)
    const answers = {
      ...allMax(),
      ...Object.fromEntries(
        abilityItems.filter((i) => i.domain === 'self_care').map((i) => [i.code, 0]),
      ),
    };
    expect((await score({ answers, coma: true })).body).toMatchObject({
      total: 58,
      preliminaryLevel: 2,
      finalLevel: 4,
      adjustments: ['coma'],
    });
    expect((await score({ answers, dementiaOrMental: true })).body.finalLevel).toBe(3);
    expect((await score({ answers, riskEvents30d: 2 })).body.finalLevel).toBe(3);
    expect((await score({ answers, riskEvents30d: 1 })).body.finalLevel).toBe(2);
    expect((await score({ answers, dementiaOrMental: true, riskEvents30d: 2 })).body).toMatchObject(
      { preliminaryLevel: 2, finalLevel: 4 },
    );
  });

  it('answers 400 naming answers.B.2.4 when it is missing', async () => {
    const { 'B.2.4': _, ...answers } = allMax();
    const res = await score({ answers });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('common.invalid_input');
    expect(fieldsOf(res.body).map((f) => f.field)).toEqual(['answers.B.2.4']);
    expect(fieldsOf(res.body)[0]?.message).toBe('上下楼梯（B.2.4）：必填');
  });

  it('answers 400 naming answers.B.2.4 for a score its item does not allow (4 of at most 3)', async () => {
    const res = await score({ answers: { ...allMax(), 'B.2.4': 4 } });
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body)).toEqual([
      { field: 'answers.B.2.4', code: 'too_big', message: '上下楼梯（B.2.4）：不能大于 3' },
    ]);
    const en = await score({ answers: { ...allMax(), 'B.2.4': 4 } }, worker, EN);
    expect(fieldsOf(en.body)[0]?.message).toBe('Climbing stairs (B.2.4): must be at most 3');
  });

  it('refuses negative, fractional and non-numeric scores by item', async () => {
    for (const value of [-1, 2.5, '3', null]) {
      const res = await score({ answers: { ...allMax(), 'B.2.4': value } });
      expect(res.status, String(value)).toBe(400);
      expect(fieldsOf(res.body).map((f) => f.field)).toEqual(['answers.B.2.4']);
    }
    const half = await score({ answers: { ...allMax(), 'B.2.4': 2.5 } });
    expect(fieldsOf(half.body)[0]?.message).toBe('上下楼梯（B.2.4）：应为整数分值');
  });

  it('honours the small items: B.3.7 at most 1, B.3.9 at most 2, B.4.4 at most 3', async () => {
    for (const [code, max] of [
      ['B.3.7', 1],
      ['B.3.9', 2],
      ['B.4.4', 3],
    ] as const) {
      expect((await score({ answers: { ...allMax(), [code]: max } })).status).toBe(200);
      const res = await score({ answers: { ...allMax(), [code]: max + 1 } });
      expect(res.status, code).toBe(400);
      expect(fieldsOf(res.body).map((f) => f.field)).toEqual([`answers.${code}`]);
    }
  });

  it('answers 400 naming an unknown item (answers.X.9)', async () => {
    const res = await score({ answers: { ...allMax(), 'X.9': 1 } });
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body)).toEqual([
      {
        field: 'answers.X.9',
        code: 'custom',
        message: 'answers.X.9：不是能力评估表（GB/T 42195-2022）中的项目',
      },
    ]);
  });

  it('refuses a bad count of risk events and answers without answers', async () => {
    const negative = await score({ answers: allMax(), riskEvents30d: -1 });
    expect(fieldsOf(negative.body).map((f) => f.field)).toEqual(['riskEvents30d']);
    const empty = await score({});
    expect(empty.status).toBe(400);
    expect(fieldsOf(empty.body).map((f) => f.field)).toEqual(['answers']);
  });

  it('is open to any logged-in user, answers 401 without a login', async () => {
    expect((await score({ answers: allMax() }, visitor)).status).toBe(200);
    const anonymous = await score({ answers: allMax() }, null);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe('common.unauthenticated');
  });

  it('stores nothing: no new row in any table, the audit log included', async () => {
    const before = await rowCounts();
    expect(before.audit_log).toBeGreaterThan(0); // the logins above are audited
    for (const riskEvents30d of [0, 2, 5])
      expect((await score({ answers: allMax(), riskEvents30d })).status).toBe(200);
    expect((await score({ answers: { ...allMax(), 'B.2.4': 4 } })).status).toBe(400);
    expect(await rowCounts()).toEqual(before);
  });
});

describe('the adjustments as configured', () => {
  it('give one level at most with ABILITY_STACK_ADJUSTMENTS=0', async () => {
    const off = await createTestApp({ env: { ABILITY_STACK_ADJUSTMENTS: '0' } });
    try {
      const session = await actorsFor(off).asCommunityWorker();
      // 90 − 32 = 58: moderately impaired (2); both raises give 3, not 4
      const answers = {
        ...allMax(),
        ...Object.fromEntries(
          abilityItems.filter((i) => i.domain === 'self_care').map((i) => [i.code, 0]),
        ),
      };
      const res = await call(off, session, {
        method: 'POST',
        url: '/api/ability-assessments/score',
        payload: { answers, dementiaOrMental: true, riskEvents30d: 2 },
      });
      expect(res.body).toMatchObject({ preliminaryLevel: 2, finalLevel: 3 });
      const items = await call(off, session, {
        method: 'GET',
        url: '/api/ability-assessments/items',
      });
      expect(items.body.settings.stackAdjustments).toBe(false);
    } finally {
      await off.close();
    }
  });
});

describe('GET /api/ability-assessments/items', () => {
  it('lists the four domains and 26 items with their scores, in the caller’s language', async () => {
    const zh = await call(t, worker, { method: 'GET', url: '/api/ability-assessments/items' });
    expect(zh.status).toBe(200);
    expect(zh.body.domains.map((d: { name: string; max: number }) => [d.name, d.max])).toEqual([
      ['自理能力', 32],
      ['基础运动能力', 15],
      ['精神状态', 28],
      ['感知觉与社会参与', 15],
    ]);
    const items = zh.body.domains.flatMap((d: { items: unknown[] }) => d.items);
    expect(items).toHaveLength(26);
    expect(items.find((i: { code: string }) => i.code === 'B.2.4')).toEqual({
      code: 'B.2.4',
      name: '上下楼梯',
      max: 3,
      scores: [0, 1, 2, 3],
    });
    expect(zh.body.levels.map((l: { name: string }) => l.name)).toEqual([
      '能力完好',
      '能力轻度受损（轻度失能）',
      '能力中度受损（中度失能）',
      '能力重度受损（重度失能）',
      '能力完全丧失（完全失能）',
    ]);
    expect(zh.body.settings).toEqual({
      stackAdjustments: true,
      riskEventThreshold: 2,
      mentalRaise: true,
      riskRaise: true,
    });
    const en = await call(t, worker, {
      method: 'GET',
      url: '/api/ability-assessments/items',
      headers: EN,
    });
    expect(en.body.domains[0].name).toBe('Self-care');
    expect(en.body.levels[0].name).toBe('Ability intact');
    expect(
      (await call(t, null, { method: 'GET', url: '/api/ability-assessments/items' })).status,
    ).toBe(401);
  });
});
