import { z } from 'zod';
import {
  CALENDAR_MAX_YEAR,
  CALENDAR_MIN_YEAR,
  CalendarDate,
  CalendarDayKind,
  calendarFieldLabels,
  endpoints,
  Timestamp,
} from '../../platform/contract/index.ts';

/**
 * The working-day calendar's endpoints (the calendar itself is the platform service in
 * server/platform/calendar): the public working-day question, and the administrator's years.
 */

export const AddWorkingDaysQuery = z.object({
  date: CalendarDate,
  days: z.coerce.number().int().min(1).max(366),
});

const Year = z.coerce.number().int().min(CALENDAR_MIN_YEAR).max(CALENDAR_MAX_YEAR);

export const CalendarEntry = z.object({
  date: CalendarDate,
  kind: CalendarDayKind,
  /** The holiday the day belongs to: 春节, 国庆节… */
  name: z.string().trim().min(1).max(20),
});

export const CalendarYearSummary = z.object({
  year: z.number().int(),
  /** `chinese-days 1.5.7` for a seeded year, `admin` once an administrator saved it. */
  source: z.string(),
  updatedAt: Timestamp,
  updatedBy: z.string().nullable(),
  holidays: z.number().int(),
  workdays: z.number().int(),
});

export const CalendarYears = z.object({
  items: z.array(CalendarYearSummary),
  /** A year the administrators should enter: next year from November on, or this year. */
  warning: z
    .object({ year: z.number().int(), kind: z.enum(['this_year', 'next_year']) })
    .nullable(),
});

export const CalendarYearView = z.object({
  year: z.number().int(),
  source: z.string(),
  updatedAt: Timestamp,
  updatedBy: z.string().nullable(),
  entries: z.array(CalendarEntry),
});

export const SavedCalendarYear = CalendarYearView.extend({
  /** Held deadlines that became computable with this year. */
  releasedDeadlines: z.number().int(),
});

const Entries = z.array(CalendarEntry).max(366);

export const calendarEndpoints = endpoints(calendarFieldLabels, {
  addWorkingDays: {
    method: 'GET',
    path: '/api/calendar/add-working-days',
    summary:
      '从 date 的次日起数第 days 个工作日（按法定节假日与调休）；date 或所数日期所在年份无数据时拒绝',
    permission: 'authenticated',
    scope: 'none',
    query: AddWorkingDaysQuery,
    response: z.object({ date: z.string() }),
  },
  listCalendarYears: {
    method: 'GET',
    path: '/api/calendar/years',
    summary: '已录入节假日数据的年份，以及需要录入的年份提醒（自 11 月起提醒明年）',
    permission: 'calendar.manage',
    scope: 'none',
    response: CalendarYears,
  },
  getCalendarYear: {
    method: 'GET',
    path: '/api/calendar/years/:year',
    summary: '某年的法定节假日与调休上班日',
    permission: 'calendar.manage',
    scope: 'none',
    params: z.object({ year: Year }),
    response: CalendarYearView,
  },
  createCalendarYear: {
    method: 'POST',
    path: '/api/calendar/years',
    summary: '录入新的一年（按国务院办公厅通知）；等待该年数据的期限随即计算',
    permission: 'calendar.manage',
    scope: 'none',
    status: 201,
    idempotent: true,
    body: z.object({ year: Year, entries: Entries }),
    response: SavedCalendarYear,
  },
  replaceCalendarYear: {
    method: 'PUT',
    path: '/api/calendar/years/:year',
    summary: '修改某年的法定节假日与调休上班日（整年替换）',
    permission: 'calendar.manage',
    scope: 'none',
    params: z.object({ year: Year }),
    body: z.object({ entries: Entries }),
    response: SavedCalendarYear,
  },
});
