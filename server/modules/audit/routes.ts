import { verifyAuditLog } from '../../platform/audit/audit.ts';
import { defineRoutes } from '../../platform/http/define-routes.ts';
import { auditEndpoints } from './contract.ts';
import { listAuditLog } from './queries.ts';

export const auditRoutes = defineRoutes(auditEndpoints, (ctx) => ({
  listAuditLog: ({ query }) => listAuditLog(ctx.db, query),
  verifyAuditLog: () => verifyAuditLog(ctx.db, ctx.auditChainKey),
}));
