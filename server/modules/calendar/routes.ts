import {
  addWorkingDaysOn,
  createCalendarYear,
  getCalendarYear,
  listCalendarYears,
  replaceCalendarYear,
} from '../../platform/calendar/service.ts';
import { defineRoutes } from '../../platform/http/define-routes.ts';
import { calendarEndpoints } from './contract.ts';

export const calendarRoutes = defineRoutes(calendarEndpoints, (ctx) => ({
  addWorkingDays: async ({ query }) => ({
    date: await addWorkingDaysOn(ctx.db, query.date, query.days),
  }),
  listCalendarYears: () => listCalendarYears(ctx.db, ctx.clock.now()),
  getCalendarYear: ({ params }) => getCalendarYear(ctx.db, params.year),
  createCalendarYear: ({ actor, body }) => createCalendarYear(ctx.db, actor, body, ctx.clock.now()),
  replaceCalendarYear: ({ actor, params, body }) =>
    replaceCalendarYear(ctx.db, actor, params.year, body.entries, ctx.clock.now()),
}));
