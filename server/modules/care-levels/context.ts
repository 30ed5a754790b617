import type { Db } from '../../db/client.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { shanghaiDate } from '../../platform/calendar/dates.ts';
import type { Locale } from '../../platform/contract/errors.ts';
import type { AppContext } from '../../platform/http/context.ts';

/**
 * What every use case of the care-levels module takes first: the database, who asks, the time of
 * the request and its day (the rules in force are those of that day), the caller's language.
 */
export type CareLevelsContext = {
  db: Db;
  actor: Actor;
  now: Date;
  /** `YYYY-MM-DD` in Asia/Shanghai. */
  today: string;
  locale: Locale;
};

/** The context of one request, built by the routes. */
export function careLevelsContext(
  app: AppContext,
  request: { actor: Actor; locale: Locale },
): CareLevelsContext {
  const now = app.clock.now();
  return {
    db: app.db,
    actor: request.actor,
    now,
    today: shanghaiDate(now),
    locale: request.locale,
  };
}
