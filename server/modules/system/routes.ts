import { sql } from 'drizzle-orm';
import { defineRoutes } from '../../platform/http/define-routes.ts';
import { systemEndpoints } from './contract.ts';

export const systemRoutes = defineRoutes(systemEndpoints, (ctx) => ({
  health: async () => {
    await ctx.db.execute(sql`select 1`);
    return { status: 'ok' as const, database: ctx.dbKind, time: ctx.clock.now().toISOString() };
  },
}));
