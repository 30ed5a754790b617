import { z } from 'zod';
import { defineAuditActions } from './audit-actions.ts';
import { defineErrors } from './errors.ts';
import { defineFieldLabels, defineValidationMessages } from './fields.ts';

/**
 * The working-day calendar's shared vocabulary: the kinds of day it records, its errors and audited
 * actions. In the platform contract because the calendar is a platform service every module uses.
 */
export const calendarDayKinds = ['holiday', 'workday'] as const;
/** holiday: an official holiday (休); workday: a make-up working day on a weekend (调休上班, 班). */
export const CalendarDayKind = z.enum(calendarDayKinds);
export type CalendarDayKind = z.infer<typeof CalendarDayKind>;

/** The years an administrator may enter. */
export const CALENDAR_MIN_YEAR = 2000;
export const CALENDAR_MAX_YEAR = 2100;

/** A `YYYY-MM-DD` that is a real calendar date. */
export const CalendarDate = z.iso.date({ error: 'calendar_date_format' });

defineValidationMessages({
  calendar_date_format: {
    'zh-CN': '应为 YYYY-MM-DD 格式的有效日期',
    'en-US': 'must be a real date as YYYY-MM-DD',
  },
});

export const CalendarError = defineErrors('calendar', {
  year_missing: {
    status: 422,
    'zh-CN': '{field}：{year} 年的节假日数据尚未录入，无法计算工作日',
    'en-US': '{field}: the holidays of {year} have not been entered yet, no working days to count',
  },
  /** The field's own message of year_missing. */
  year_not_entered: {
    status: 422,
    'zh-CN': '{year} 年的节假日数据尚未录入',
    'en-US': 'the holidays of {year} have not been entered yet',
  },
  year_not_found: {
    status: 404,
    'zh-CN': '未找到 {year} 年的节假日数据',
    'en-US': 'No holiday data for {year}',
  },
  year_exists: {
    status: 409,
    'zh-CN': '{year} 年的节假日数据已存在，请直接修改',
    'en-US': 'The holidays of {year} are entered already; edit them instead',
  },
  day_outside_year: {
    status: 400,
    'zh-CN': '日期 {date} 不在 {year} 年内',
    'en-US': 'The date {date} is not in {year}',
  },
  day_repeated: {
    status: 400,
    'zh-CN': '日期 {date} 重复填写',
    'en-US': 'The date {date} is given twice',
  },
  workday_not_weekend: {
    status: 400,
    'zh-CN': '调休上班日 {date} 应为周六或周日',
    'en-US': 'The make-up working day {date} must be a Saturday or Sunday',
  },
  no_holidays: {
    status: 400,
    'zh-CN': '请至少填写一个法定节假日',
    'en-US': 'Enter at least one official holiday',
  },
});

export const CalendarAuditAction = defineAuditActions({
  'calendar.year_create': { 'zh-CN': '录入年度节假日', 'en-US': 'Holiday year entered' },
  'calendar.year_update': { 'zh-CN': '修改年度节假日', 'en-US': 'Holiday year changed' },
});

export const calendarFieldLabels = defineFieldLabels({
  date: { 'zh-CN': '日期', 'en-US': 'Date' },
  days: { 'zh-CN': '工作日天数', 'en-US': 'Working days' },
  year: { 'zh-CN': '年份', 'en-US': 'Year' },
  entries: { 'zh-CN': '节假日与调休日', 'en-US': 'Holidays and make-up days' },
});
