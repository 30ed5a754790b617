import { sql } from 'drizzle-orm';
import { AppError } from '../../platform/http/app-error.ts';
import { defineRoutes } from '../../platform/http/define-routes.ts';
import { readImportProgress } from '../../platform/imports/progress.ts';
import { SystemError, systemEndpoints } from './contract.ts';

export const systemRoutes = defineRoutes(systemEndpoints, (ctx) => ({
  health: async () => {
    await ctx.db.execute(sql`select 1`);
    return { status: 'ok' as const, database: ctx.dbKind, time: ctx.clock.now().toISOString() };
  },
  importProgress: async ({ actor, params }) => {
    const progress = await readImportProgress(ctx.db, actor.userId, params.key);
    if (!progress) throw new AppError(SystemError.import_progress_not_found);
    return progress;
  },
}));
