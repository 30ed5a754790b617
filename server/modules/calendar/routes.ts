import {
  addWorkingDaysOn,
  createCalendarYear,
  getCalendarYear,
  listCalendarYears,
  replaceCalendarYear,
} from '../../platform/calendar/service.ts';
import { defineRoutes } from '../../platform/http/define-routes.ts';
import { calendarEndpoints } from './contract.ts';
import { calendarContext as at } from './context.ts';

export const calendarRoutes = defineRoutes(calendarEndpoints, (ctx) => ({
  addWorkingDays: async ({ query }) => ({
    date: await addWorkingDaysOn(ctx.db, query.date, query.days),
  }),
  listCalendarYears: () => listCalendarYears(ctx.db, ctx.clock.now()),
  getCalendarYear: ({ params }) => getCalendarYear(ctx.db, params.year),
  createCalendarYear: ({ actor, body }) => createCalendarYear(at(ctx, actor), body),
  replaceCalendarYear: ({ actor, params, body }) =>
    replaceCalendarYear(at(ctx, actor), { year: params.year, entries: body.entries }),
}));
