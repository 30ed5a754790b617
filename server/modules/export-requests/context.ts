import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { fileCtx, type FileCtx } from '../../platform/files/service.ts';
import type { AppContext } from '../../platform/http/context.ts';
import type { SensitiveCipher } from '../../platform/sensitive/sensitive.ts';

/**
 * What every use case of the export-requests module takes first: the database (a transaction
 * inside a write), who asks (the requester, when a job makes the file), the time of the request,
 * the cipher of sealed values (an export made by its module opens them), the rosters module's
 * configuration (a round's export is made with it) and the stored files (an approved file).
 */
export type ExportRequestsContext = {
  db: Db;
  actor: Actor;
  now: Date;
  sensitive: SensitiveCipher;
  config: Pick<Config, 'roster'>;
  files: FileCtx;
};

/** What making an export needs (a job has no file store of the request: it stores the file itself). */
export type ExportMakingContext = Omit<ExportRequestsContext, 'files'>;

/** The context of one request, built by the routes. */
export const exportRequestsContext = (app: AppContext, actor: Actor): ExportRequestsContext => ({
  db: app.db,
  actor,
  now: app.clock.now(),
  sensitive: app.sensitive,
  config: app.config,
  files: fileCtx(app),
});
