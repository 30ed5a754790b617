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
 * What every use case of the visits module takes first: the database, who asks, the time of the
 * request and its day in Asia/Shanghai (the policy of that day is in force), the caller's language,
 * what the module's configuration says of evidence, and the cipher (the field app's sync opens
 * the phones and address a visit needs).
 */
export type VisitsContext = RequestContext & {
  config: Config['visits'];
  ability: Config['ability'];
  /** Where a visit that found the person dead or moved away proposes their removal. */
  roster: Config['roster'];
  sensitive: SensitiveCipher;
};

/** The context of one request, built by the routes. */
export const visitsContext = (
  app: AppContext,
  request: { actor: Actor; locale: Locale },
): VisitsContext => ({
  ...requestContext(app, request),
  config: app.config.visits,
  ability: app.config.ability,
  roster: app.config.roster,
  sensitive: app.sensitive,
});
