import type { Db } from '../../db/client.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { shanghaiDate } from '../../platform/calendar/dates.ts';
import type { Locale } from '../../platform/contract/errors.ts';
import type { SheetLimits } from '../../platform/excel/read.ts';
import type { AppContext } from '../../platform/http/context.ts';
import type { SensitiveCipher } from '../../platform/sensitive/sensitive.ts';

/**
 * What every use case of the source-records module takes first: the database (a transaction
 * inside a write), who asks, the time of the request, the cipher of sealed values, the caller's
 * language and the limits of an uploaded file (the roster's).
 */
export type SourceRecordsContext = {
  db: Db;
  actor: Actor;
  now: Date;
  /** `YYYY-MM-DD` in Asia/Shanghai. */
  today: string;
  sensitive: SensitiveCipher;
  locale: Locale;
  importLimits: SheetLimits;
};

/** The context of one request, built by the routes. */
export function sourceRecordsContext(
  app: AppContext,
  request: { actor: Actor; locale: Locale },
): SourceRecordsContext {
  const now = app.clock.now();
  return {
    db: app.db,
    actor: request.actor,
    now,
    today: shanghaiDate(now),
    sensitive: app.sensitive,
    locale: request.locale,
    importLimits: app.config.roster.importLimits,
  };
}
