import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../access/actor.ts';
import { shanghaiDate } from '../calendar/dates.ts';
import type { Locale } from '../contract/errors.ts';
import type { FileStore } from '../files/store.ts';
import type { EventHub } from '../events/hub.ts';
import type { SensitiveCipher } from '../sensitive/sensitive.ts';

export type Clock = { now(): Date };

/** The actor of a request; 'session_expired' after a timeout; null without a session. */
export type Authentication = Actor | 'session_expired' | null;
export const systemClock: Clock = { now: () => new Date() };

/** What every route handler and service can reach; built once in app.ts. */
export type AppContext = {
  db: Db;
  dbKind: 'pglite' | 'pg';
  config: Config;
  clock: Clock;
  sensitive: SensitiveCipher;
  /** Keys the audit log's hash chain (HMAC-SM3); derived from the master key, kept outside the database. */
  auditChainKey: Buffer;
  /** Where stored files' bytes live (platform/files): the data folder or an S3-compatible bucket. */
  fileStore: FileStore;
  /** Resolves the session of a request to an actor (null: not signed in). Provided by the users module. */
  authenticate(req: FastifyRequest, reply: FastifyReply): Promise<Authentication>;
  /** This process's live events: the streams connected to it (platform/events). */
  events: EventHub;
};

/**
 * What a module's context starts from (its own `context.ts` adds what its use cases need): the
 * database (a transaction inside a write), who asks, the time of the request and its day in
 * Asia/Shanghai, the caller's language.
 */
export type RequestContext = {
  db: Db;
  actor: Actor;
  now: Date;
  /** `YYYY-MM-DD` in Asia/Shanghai. */
  today: string;
  locale: Locale;
};

/** The request context of one request, read off the app's clock once. */
export function requestContext(
  app: Pick<AppContext, 'db' | 'clock'>,
  request: { actor: Actor; locale: Locale },
): RequestContext {
  const now = app.clock.now();
  return {
    db: app.db,
    actor: request.actor,
    now,
    today: shanghaiDate(now),
    locale: request.locale,
  };
}
