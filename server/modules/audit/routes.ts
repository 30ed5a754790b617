import { verifyAuditLog } from '../../platform/audit/verify.ts';
import { auditActionCatalogue } from '../../platform/contract/audit-actions.ts';
import { defineRoutes } from '../../platform/http/define-routes.ts';
import { auditEndpoints } from './contract.ts';
import { listAuditLog } from './queries.ts';

export const auditRoutes = defineRoutes(auditEndpoints, (ctx) => ({
  listAuditActions: async ({ locale }) => ({ items: auditActionCatalogue(locale) }),
  listAuditLog: ({ query }) => listAuditLog(ctx.db, query),
  verifyAuditLog: () =>
    verifyAuditLog(ctx.db, ctx.auditChainKey, { checkpointDir: ctx.config.audit.checkpointDir }),
}));
