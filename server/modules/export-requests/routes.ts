import { defineRoutes } from '../../platform/http/define-routes.ts';
import { exportRequestsContext as at } from './context.ts';
import { exportRequestEndpoints } from './contract.ts';
import {
  createExportRequest,
  decideExportRequest,
  downloadExportRequest,
  getExportRequest,
  listExportRequests,
} from './service.ts';

export const exportRequestRoutes = defineRoutes(exportRequestEndpoints, (ctx) => ({
  createExportRequest: ({ actor, body }) => createExportRequest(at(ctx, actor), body),
  listExportRequests: ({ actor, query }) => listExportRequests(at(ctx, actor), query),
  getExportRequest: ({ actor, params }) => getExportRequest(at(ctx, actor), params.id),
  approveExportRequest: ({ actor, params, body }) =>
    decideExportRequest(at(ctx, actor), { id: params.id, approve: true, note: body.note }),
  refuseExportRequest: ({ actor, params, body }) =>
    decideExportRequest(at(ctx, actor), { id: params.id, approve: false, note: body.note }),
  downloadExportRequest: async ({ actor, params }) => {
    const file = await downloadExportRequest(at(ctx, actor), params.id);
    return { content: file.content, fileName: file.fileName };
  },
}));
