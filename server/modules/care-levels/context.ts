import type { Actor } from '../../platform/access/actor.ts';
import type { Locale } from '../../platform/contract/errors.ts';
import {
  requestContext,
  type AppContext,
  type RequestContext,
} from '../../platform/http/context.ts';

/**
 * What every use case of the care-levels module takes first: the database, who asks, the time of
 * the request and its day (the rules in force are those of that day), the caller's language.
 */
export type CareLevelsContext = RequestContext;

/** The context of one request, built by the routes. */
export const careLevelsContext = (
  app: AppContext,
  request: { actor: Actor; locale: Locale },
): CareLevelsContext => requestContext(app, request);
