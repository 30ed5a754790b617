import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../platform/audit/tables.ts';
import { chineseDaysOf } from '../../platform/calendar/chinese-days.ts';
import { readCalendar } from '../../platform/calendar/store.ts';
import {
  deadlineOrHold,
  missingYearWarning,
  onHeldDeadlineResolved,
  type HeldDeadlineResolved,
} from '../../platform/calendar/service.ts';
import { heldDeadlines } from '../../platform/calendar/tables.ts';
import { actorsFor, type Session } from '../../test/actors.ts';
import { createTestApp, createTestClock, type TestApp } from '../../test/harness.ts';

let t: TestApp;
let admin: Session;
let visitor: Session;

beforeAll(async () => {
  t = await createTestApp({ clock: createTestClock(new Date('2026-11-20T02:00:00Z')) });
  admin = await actorsFor(t).asAdmin();
  visitor = await actorsFor(t).as('visitor');
});
afterAll(async () => {
  await t?.close();
});

const addWorkingDays = (query: string, session: Session | null = visitor, lang = 'zh-CN') =>
  t.app.inject({
    method: 'GET',
    url: `/api/calendar/add-working-days?${query}`,
    headers: { ...(session ? session.headers : {}), 'accept-language': lang },
  });

describe('the seed', () => {
  it('holds 2025 and 2026 exactly as chinese-days 1.5.7 has them, on an empty database', async () => {
    const cal = await readCalendar(t.db);
    expect([...cal.years].sort()).toEqual([2025, 2026]);
    const expected = [...chineseDaysOf(2025), ...chineseDaysOf(2026)];
    expect([...cal.holidays].sort()).toEqual(
      expected.filter((d) => d.kind === 'holiday').map((d) => d.date),
    );
    expect([...cal.workdays].sort()).toEqual(
      expected.filter((d) => d.kind === 'workday').map((d) => d.date),
    );
  });
});

describe('GET /api/calendar/add-working-days (public contract)', () => {
  const cases: [string, number, string][] = [
    // 2025 Spring Festival 01-28..02-04, make-up days 01-26 (Sun), 02-08 (Sat)
    ['2025-01-24', 1, '2025-01-26'],
    ['2025-01-27', 1, '2025-02-05'],
    ['2025-01-28', 3, '2025-02-07'],
    ['2025-02-05', 3, '2025-02-08'],
    // 2025 National Day and Mid-Autumn 10-01..10-08, make-up days 09-28 (Sun), 10-11 (Sat)
    ['2025-09-27', 1, '2025-09-28'],
    ['2025-09-30', 1, '2025-10-09'],
    ['2025-09-30', 3, '2025-10-11'],
    ['2025-10-05', 5, '2025-10-14'],
    // 2026 Spring Festival 02-15..02-23, make-up days 02-14, 02-28 (Saturdays)
    ['2026-02-13', 1, '2026-02-14'],
    ['2026-02-14', 1, '2026-02-24'],
    ['2026-02-20', 5, '2026-02-28'],
    // 2026 National Day 10-01..10-07, make-up days 09-20 (Sun), 10-10 (Sat)
    ['2026-09-18', 1, '2026-09-20'],
    ['2026-09-30', 1, '2026-10-08'],
    ['2026-09-30', 3, '2026-10-10'],
    ['2026-10-01', 5, '2026-10-13'],
    // across the two years: 2026-01-01..03 off, 01-04 (Sun) a make-up working day
    ['2025-12-31', 1, '2026-01-04'],
    ['2025-12-31', 2, '2026-01-05'],
  ];
  it.each(cases)('%s + %i working days = %s', async (date, days, expected) => {
    const res = await addWorkingDays(`date=${date}&days=${days}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ date: expected });
  });

  it('answers 400 naming the field for days 0 and 367, a missing or malformed date', async () => {
    for (const q of ['date=2026-03-02&days=0', 'date=2026-03-02&days=367']) {
      const res = await addWorkingDays(q);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('common.invalid_input');
      expect(res.json().error.message).toContain('工作日天数');
      expect(res.json().error.fields[0].field).toBe('days');
    }
    expect((await addWorkingDays('date=2026-03-02&days=366')).statusCode).toBe(422);
    for (const q of ['days=3', 'date=2026-02-30&days=3', 'date=20260302&days=3']) {
      const res = await addWorkingDays(q);
      expect(res.statusCode, q).toBe(400);
      expect(res.json().error.message).toContain('日期');
      expect(res.json().error.fields[0].field).toBe('date');
    }
  });

  it('refuses (4xx) a date in 2027, or a count that reaches into it', async () => {
    const inYear = await addWorkingDays('date=2027-03-01&days=1');
    expect(inYear.statusCode).toBe(422);
    expect(inYear.json().error).toMatchObject({
      code: 'calendar.year_missing',
      message: '日期：2027 年的节假日数据尚未录入，无法计算工作日',
      fields: [{ field: 'date', code: 'calendar.year_not_entered' }],
    });
    const into = await addWorkingDays('date=2026-12-30&days=2', visitor, 'en-US');
    expect(into.statusCode).toBe(422);
    expect(into.json().error.fields[0].field).toBe('days');
    expect(into.json().error.message).toContain('2027');
    expect((await addWorkingDays('date=2026-12-30&days=1')).json()).toEqual({
      date: '2026-12-31',
    });
    expect((await addWorkingDays('date=2024-12-31&days=1')).statusCode).toBe(422);
  });

  it('answers 401 without a session', async () => {
    expect((await addWorkingDays('date=2026-03-02&days=1', null)).statusCode).toBe(401);
  });
});

describe('the warning for administrators', () => {
  it('from November, next year without data; this year without data at any time', () => {
    const years = new Set([2025, 2026]);
    expect(missingYearWarning(years, new Date('2026-10-31T15:59:00Z'))).toBeNull();
    expect(missingYearWarning(years, new Date('2026-10-31T16:00:00Z'))).toEqual({
      year: 2027,
      kind: 'next_year',
    });
    expect(missingYearWarning(years, new Date('2027-02-01T00:00:00Z'))).toEqual({
      year: 2027,
      kind: 'this_year',
    });
    expect(missingYearWarning(new Set([2026, 2027]), new Date('2026-12-01T00:00:00Z'))).toBeNull();
  });
});

describe('administering the calendar, and held deadlines', () => {
  const resolved: HeldDeadlineResolved[] = [];
  onHeldDeadlineResolved('test.complaint', async (_tx, r) => {
    resolved.push(r);
  });

  it('lists the years with the warning for 2027 in November 2026', async () => {
    const res = await t.app.inject({ url: '/api/calendar/years', headers: admin.headers });
    expect(res.statusCode).toBe(200);
    expect(res.json().warning).toEqual({ year: 2027, kind: 'next_year' });
    expect(res.json().items.map((y: { year: number }) => y.year)).toEqual([2025, 2026]);
    expect(res.json().items[1]).toMatchObject({ source: 'chinese-days 1.5.7', workdays: 6 });
    const forbidden = await t.app.inject({ url: '/api/calendar/years', headers: visitor.headers });
    expect(forbidden.statusCode).toBe(403);
  });

  it('holds a deadline that runs into 2027 and computes it once 2027 is entered', async () => {
    const input = {
      start: new Date('2026-12-28T02:00:00Z'),
      clock: { unit: 'working_days' as const, amount: 5 },
    };
    expect(await deadlineOrHold(t.db, 'test.complaint', 'c-1', input)).toEqual({
      status: 'waiting_calendar',
      year: 2027,
    });
    const body = {
      year: 2027,
      entries: [
        { date: '2027-01-01', kind: 'holiday', name: '元旦' },
        { date: '2027-01-02', kind: 'holiday', name: '元旦' },
        { date: '2027-01-03', kind: 'holiday', name: '元旦' },
      ],
    };
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/calendar/years',
      headers: admin.headers,
      payload: { ...body, entries: [{ date: '2027-01-04', kind: 'workday', name: '元旦' }] },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('calendar.workday_not_weekend');

    const res = await t.app.inject({
      method: 'POST',
      url: '/api/calendar/years',
      headers: admin.headers,
      payload: body,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ year: 2027, source: 'admin', releasedDeadlines: 1 });
    // 12-29, 12-30, 12-31, then 2027-01-04 and 01-05 (01-01..01-03 off): due at the end of 01-05
    expect(resolved).toEqual([
      expect.objectContaining({
        entityId: 'c-1',
        deadline: { status: 'due', dueAt: new Date('2027-01-05T16:00:00Z') },
      }),
    ]);
    const [held] = await t.db.select().from(heldDeadlines).where(eq(heldDeadlines.entityId, 'c-1'));
    expect(held?.dueAt).toEqual(new Date('2027-01-05T16:00:00Z'));
    expect(held?.resolvedAt).not.toBeNull();
    const [entry] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'calendar.year_create'), eq(auditLog.entityId, '2027')));
    expect(entry?.userId).toBe(admin.user.id);

    // the public endpoint knows 2027 at once (the cache was dropped)
    expect((await addWorkingDays('date=2026-12-30&days=2')).json()).toEqual({
      date: '2027-01-04',
    });
    const list = await t.app.inject({ url: '/api/calendar/years', headers: admin.headers });
    expect(list.json().warning).toBeNull();
  });

  it('edits a year: the answers follow, the change is audited, a second create is refused', async () => {
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/calendar/years',
      headers: admin.headers,
      payload: { year: 2027, entries: [{ date: '2027-01-01', kind: 'holiday', name: '元旦' }] },
    });
    expect(again.statusCode).toBe(409);
    const year = await t.app.inject({ url: '/api/calendar/years/2027', headers: admin.headers });
    const entries = [...year.json().entries, { date: '2027-01-04', kind: 'holiday', name: '元旦' }];
    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/calendar/years/2027',
      headers: admin.headers,
      payload: { entries },
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().entries).toHaveLength(4);
    expect((await addWorkingDays('date=2026-12-31&days=1')).json()).toEqual({
      date: '2027-01-05',
    });
    const [entry] = await t.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'calendar.year_update'));
    expect(entry?.detail).toMatchObject({ added: ['2027-01-04 holiday 元旦'], removed: [] });
    const missing = await t.app.inject({ url: '/api/calendar/years/2031', headers: admin.headers });
    expect(missing.statusCode).toBe(404);
  });
});
