import { defineRoutes } from '../../platform/http/define-routes.ts';
import { auditContext as at } from './context.ts';
import { auditEndpoints } from './contract.ts';
import { listAuditActions, listAuditLog, verifyAuditChain } from './queries.ts';

export const auditRoutes = defineRoutes(auditEndpoints, (ctx) => ({
  listAuditActions: ({ locale }) => listAuditActions(at(ctx, { locale })),
  listAuditLog: ({ query, locale }) => listAuditLog(at(ctx, { locale }), query),
  verifyAuditLog: ({ locale }) => verifyAuditChain(at(ctx, { locale })),
}));
