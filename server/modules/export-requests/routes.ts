import { defineRoutes } from '../../platform/http/define-routes.ts';
import type { AppContext } from '../../platform/http/context.ts';
import { exportRequestEndpoints } from './contract.ts';
import {
  createExportRequest,
  decideExportRequest,
  downloadExportRequest,
  getRequestRow,
  listExportRequests,
  viewRequest,
} from './service.ts';

const at = (ctx: AppContext) => ({
  db: ctx.db,
  sensitive: ctx.sensitive,
  now: ctx.clock.now(),
  config: ctx.config,
});

export const exportRequestRoutes = defineRoutes(exportRequestEndpoints, (ctx) => ({
  createExportRequest: ({ actor, body }) => createExportRequest(at(ctx), actor, body),
  listExportRequests: ({ actor, query }) => listExportRequests(ctx.db, actor, query),
  getExportRequest: async ({ actor, params }) =>
    viewRequest(ctx.db, actor, await getRequestRow(ctx.db, actor, params.id)),
  approveExportRequest: ({ actor, params, body }) =>
    decideExportRequest(at(ctx), actor, params.id, { approve: true, note: body.note }),
  refuseExportRequest: ({ actor, params, body }) =>
    decideExportRequest(at(ctx), actor, params.id, { approve: false, note: body.note }),
  downloadExportRequest: async ({ actor, params }) => {
    const file = await downloadExportRequest(ctx, actor, params.id);
    return { content: file.content, fileName: file.fileName };
  },
}));
