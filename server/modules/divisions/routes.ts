import { defineRoutes } from '../../platform/http/define-routes.ts';
import { divisionEndpoints } from './contract.ts';
import { divisionsContext as at } from './context.ts';
import { getDivision, listDivisions } from './queries.ts';
import { createDivision, updateDivision } from './service.ts';
import { shanghaiDate } from '../../platform/calendar/dates.ts';

export const divisionRoutes = defineRoutes(divisionEndpoints, (ctx) => ({
  listDivisions: async ({ actor, query }) => ({
    items: await listDivisions(ctx.db, actor, {
      includeInactive: query.includeInactive === 'true',
      today: shanghaiDate(ctx.clock.now()),
    }),
  }),
  getDivision: ({ actor, params }) => getDivision(ctx.db, actor, params.code),
  createDivision: ({ actor, body }) => createDivision(at(ctx, actor), body),
  updateDivision: ({ actor, params, body }) =>
    updateDivision(at(ctx, actor), { code: params.code, changes: body }),
}));
