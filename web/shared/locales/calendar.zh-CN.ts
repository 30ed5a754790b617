/**
 * 工作日历 (the working-day calendar: official holidays and make-up working days per year), in
 * Chinese; zh-CN.ts takes it in as `calendar`. calendar.en-US.ts has the same keys.
 */
const calendarMessages = {
  calendar: {
    title: '工作日历',
    intro:
      '法定节假日与调休上班日按国务院办公厅每年的通知录入；未录入的年份不推算工作日，相关期限显示为“等待工作日历”，录入后自动计算。',
    year: '年度',
    yearOption: '{{year}} 年',
    newYear: '录入新年度',
    newYearTitle: '录入新年度的节假日',
    newYearHint: '选择年份后，在日历上点选日期标记法定节假日和调休上班日，然后保存。',
    save: '保存',
    saved: '{{year}} 年节假日已保存',
    savedReleased: '{{year}} 年节假日已保存，{{count}} 个等待中的期限已计算',
    unsaved: '有未保存的修改',
    draft: '新年度（未保存）',
    source: '数据来源',
    sourceSeed: '{{source}}（已核对国务院办公厅通知）',
    sourceAdmin: '管理员录入',
    updated: '最近修改',
    counts: '法定节假日 {{holidays}} 天，调休上班 {{workdays}} 天',
    warningNextYear: '明年（{{year}}）节假日数据尚未录入，请在国务院办公厅发布通知后录入。',
    warningThisYear: '今年（{{year}}）节假日数据尚未录入，涉及工作日的期限无法计算。',
    goToCalendar: '前往工作日历',
    legendHoliday: '法定节假日',
    legendWorkday: '调休上班',
    legendWeekend: '周末',
    holidayMark: '休',
    workdayMark: '班',
    months: '{{month}} 月',
    /** Monday first, separated by commas. */
    weekdays: '一,二,三,四,五,六,日',
    edit: {
      title: '{{date}}（星期{{weekday}}）',
      kind: '类型',
      none: '普通日',
      holiday: '法定节假日',
      workday: '调休上班',
      name: '节日名称',
      namePlaceholder: '如：春节、国庆节',
      nameRequired: '请填写节日名称',
      workdayWeekend: '调休上班日应为周六或周日',
    },
    yearExists: '{{year}} 年已录入，请直接选择该年修改',
  },
};

export default calendarMessages;
export type CalendarMessages = typeof calendarMessages;
