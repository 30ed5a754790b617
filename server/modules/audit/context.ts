import type { Db } from '../../db/client.ts';
import type { Locale } from '../../platform/contract/errors.ts';
import type { AppContext } from '../../platform/http/context.ts';

/**
 * What the audit module's use cases work with: the database, the caller's language, the key of the
 * log's hash chain and the folder of its signed checkpoints (the check of the chain). Who asks is
 * not needed: the permission to read the log is the whole log's.
 */
export type AuditContext = {
  db: Db;
  locale: Locale;
  chainKey: Buffer;
  checkpointDir: string;
};

/** The context of one request, built by the routes. */
export const auditContext = (app: AppContext, request: { locale: Locale }): AuditContext => ({
  db: app.db,
  locale: request.locale,
  chainKey: app.auditChainKey,
  checkpointDir: app.config.audit.checkpointDir,
});
