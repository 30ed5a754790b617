import type { Actor } from '../../platform/access/actor.ts';
import type { Locale } from '../../platform/contract/errors.ts';
import type { SheetLimits } from '../../platform/excel/read.ts';
import {
  requestContext,
  type AppContext,
  type RequestContext,
} from '../../platform/http/context.ts';
import type { SensitiveCipher } from '../../platform/sensitive/sensitive.ts';

/**
 * What every use case of the source-records module takes first: the request's context (database,
 * actor, time, language), the cipher of sealed values and the limits of an uploaded file (the
 * roster's).
 */
export type SourceRecordsContext = RequestContext & {
  sensitive: SensitiveCipher;
  importLimits: SheetLimits;
};

/** The context of one request, built by the routes. */
export const sourceRecordsContext = (
  app: AppContext,
  request: { actor: Actor; locale: Locale },
): SourceRecordsContext => ({
  ...requestContext(app, request),
  sensitive: app.sensitive,
  importLimits: app.config.roster.importLimits,
});
