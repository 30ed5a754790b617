import type { Db } from '../../db/client.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { shanghaiDate } from '../../platform/calendar/dates.ts';
import type { Locale } from '../../platform/contract/errors.ts';
import type { AppContext } from '../../platform/http/context.ts';
import type { SensitiveCipher } from '../../platform/sensitive/sensitive.ts';

/**
 * What every use case of the subjects module takes first: the database (a transaction inside a
 * write), who asks, the time of the request, the cipher of sealed values and the caller's language.
 * A use case that needs less takes a `Pick` of it, so that another module's context (the rosters
 * module's RosterContext) can be passed as it is.
 */
export type SubjectsContext = {
  db: Db;
  actor: Actor;
  now: Date;
  /** `YYYY-MM-DD` in Asia/Shanghai. */
  today: string;
  sensitive: SensitiveCipher;
  locale: Locale;
};

/**
 * What the roster's writes need, in the caller's transaction (`db`): the one who makes them
 * (null: the demo seed, a test), the time and the cipher.
 */
export type RosterWriteContext = Pick<SubjectsContext, 'db' | 'sensitive' | 'now' | 'today'> & {
  actor: Pick<Actor, 'userId' | 'username'> | null;
};

/** The context of one request, built by the routes. */
export function subjectsContext(
  app: AppContext,
  request: { actor: Actor; locale: Locale },
): SubjectsContext {
  const now = app.clock.now();
  return {
    db: app.db,
    actor: request.actor,
    now,
    today: shanghaiDate(now),
    sensitive: app.sensitive,
    locale: request.locale,
  };
}
