import type { Actor } from '../../platform/access/actor.ts';
import type { Locale } from '../../platform/contract/errors.ts';
import {
  requestContext,
  type AppContext,
  type RequestContext,
} from '../../platform/http/context.ts';
import type { SensitiveCipher } from '../../platform/sensitive/sensitive.ts';

/**
 * What every use case of the subjects module takes first: the request's context (database, actor,
 * time, language) and the cipher of sealed values.
 * A use case that needs less takes a `Pick` of it, so that another module's context (the rosters
 * module's RosterContext) can be passed as it is.
 */
export type SubjectsContext = RequestContext & { sensitive: SensitiveCipher };

/**
 * What the roster's writes need, in the caller's transaction (`db`): the one who makes them
 * (null: the demo seed, a test), the time and the cipher.
 */
export type RosterWriteContext = Pick<SubjectsContext, 'db' | 'sensitive' | 'now' | 'today'> & {
  actor: Pick<Actor, 'userId' | 'username'> | null;
};

/** The context of one request, built by the routes. */
export const subjectsContext = (
  app: AppContext,
  request: { actor: Actor; locale: Locale },
): SubjectsContext => ({ ...requestContext(app, request), sensitive: app.sensitive });
