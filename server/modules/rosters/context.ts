import type { Config } from '../../config.ts';
import type { Actor } from '../../platform/access/actor.ts';
import type { Locale } from '../../platform/contract/errors.ts';
import {
  requestContext,
  type AppContext,
  type RequestContext,
} from '../../platform/http/context.ts';
import type { SensitiveCipher } from '../../platform/sensitive/sensitive.ts';

/**
 * What every use case of the rosters module takes first: the request's context (database, actor,
 * time, language), the month a request names (this month by default), the module's configuration
 * and the cipher of sealed values.
 */
export type RosterContext = RequestContext & {
  /** `YYYY-MM`: the month the request names, else the current one. */
  month: string;
  config: Config['roster'];
  sensitive: SensitiveCipher;
};

/** The context of one request, built by the routes. */
export function rosterContext(
  app: AppContext,
  request: { actor: Actor; locale: Locale; month?: string },
): RosterContext {
  const base = requestContext(app, request);
  return {
    ...base,
    month: request.month ?? base.today.slice(0, 7),
    config: app.config.roster,
    sensitive: app.sensitive,
  };
}
