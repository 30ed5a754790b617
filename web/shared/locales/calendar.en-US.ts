import type { CalendarMessages } from './calendar.zh-CN.ts';

/** The working-day calendar in English: the same keys as calendar.zh-CN.ts. */
const calendarMessages: CalendarMessages = {
  calendar: {
    title: 'Working-day calendar',
    intro:
      'Official holidays and make-up working days are entered each year from the State Council notice. A year not entered is never guessed: deadlines that reach it show as waiting for the calendar and are computed once it is entered.',
    year: 'Year',
    yearOption: '{{year}}',
    newYear: 'Enter a new year',
    newYearTitle: 'Enter the holidays of a new year',
    newYearHint:
      'Choose the year, mark its holidays and make-up working days on the calendar, then save.',
    save: 'Save',
    saved: 'The holidays of {{year}} are saved',
    savedReleased: 'The holidays of {{year}} are saved; {{count}} waiting deadlines were computed',
    unsaved: 'Unsaved changes',
    draft: 'New year (not saved)',
    source: 'Source',
    sourceSeed: '{{source}} (checked against the State Council notice)',
    sourceAdmin: 'Entered by an administrator',
    updated: 'Last changed',
    counts: '{{holidays}} official holidays, {{workdays}} make-up working days',
    warningNextYear:
      'The holidays of next year ({{year}}) have not been entered: enter them once the State Council publishes its notice.',
    warningThisYear:
      'The holidays of this year ({{year}}) have not been entered: deadlines in working days cannot be computed.',
    goToCalendar: 'Open the working-day calendar',
    legendHoliday: 'Official holiday',
    legendWorkday: 'Make-up working day',
    legendWeekend: 'Weekend',
    holidayMark: 'Off',
    workdayMark: 'Work',
    months: '{{month}}',
    weekdays: 'Mo,Tu,We,Th,Fr,Sa,Su',
    edit: {
      title: '{{date}} ({{weekday}})',
      kind: 'Kind',
      none: 'Ordinary day',
      holiday: 'Official holiday',
      workday: 'Make-up working day',
      name: 'Holiday',
      namePlaceholder: 'e.g. 春节, 国庆节',
      nameRequired: 'Name the holiday',
      workdayWeekend: 'A make-up working day is a Saturday or Sunday',
    },
    yearExists: '{{year}} is entered already: choose it to edit',
  },
};

export default calendarMessages;
