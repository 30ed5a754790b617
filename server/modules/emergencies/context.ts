import type { Actor } from '../../platform/access/actor.ts';
import type { Locale } from '../../platform/contract/errors.ts';
import {
  requestContext,
  type AppContext,
  type RequestContext,
} from '../../platform/http/context.ts';

/** What every use case of the emergencies module takes first: the request's context. */
export type EmergenciesContext = RequestContext;

/** The context of one request, built by the routes. */
export const emergenciesContext = (
  app: AppContext,
  request: { actor: Actor; locale: Locale },
): EmergenciesContext => requestContext(app, request);
