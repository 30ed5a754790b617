import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { shanghaiDate } from '../../platform/calendar/dates.ts';
import type { Locale } from '../../platform/contract/errors.ts';
import type { AppContext } from '../../platform/http/context.ts';
import type { SensitiveCipher } from '../../platform/sensitive/sensitive.ts';

/**
 * What every use case of the rosters module takes first: the database (a transaction inside a
 * write), who asks, the time of the request, the month a request names (this month by default),
 * the module's configuration, the cipher of sealed values and the caller's language.
 */
export type RosterContext = {
  db: Db;
  actor: Actor;
  now: Date;
  /** `YYYY-MM-DD` in Asia/Shanghai. */
  today: string;
  /** `YYYY-MM`: the month the request names, else the current one. */
  month: string;
  config: Config['roster'];
  sensitive: SensitiveCipher;
  locale: Locale;
};

/** The context of one request, built by the routes. */
export function rosterContext(
  app: AppContext,
  request: { actor: Actor; locale: Locale; month?: string },
): RosterContext {
  const now = app.clock.now();
  const today = shanghaiDate(now);
  return {
    db: app.db,
    actor: request.actor,
    now,
    today,
    month: request.month ?? today.slice(0, 7),
    config: app.config.roster,
    sensitive: app.sensitive,
    locale: request.locale,
  };
}
