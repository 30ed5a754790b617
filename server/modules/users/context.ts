import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../platform/access/actor.ts';
import type { AppContext, Clock } from '../../platform/http/context.ts';
import type { SensitiveCipher } from '../../platform/sensitive/sensitive.ts';

/**
 * What every use case of the users module takes first: the database (a transaction inside a
 * write), who asks, the time, the parts of the configuration that accounts, passwords, sign-in
 * and sessions follow, and the cipher of the sealed phone numbers.
 */
export type UsersContext = {
  db: Db;
  actor: Actor;
  clock: Clock;
  config: Pick<
    Config,
    'passwordIterations' | 'passwordPolicy' | 'login' | 'session' | 'cookieSecure'
  >;
  sensitive: SensitiveCipher;
};

/** Signing in: the same context before there is anyone to ask. */
export type SignInContext = Omit<UsersContext, 'actor'>;

/** The context of a signed-in request, built by the routes. */
export const usersContext = (app: AppContext, actor: Actor): UsersContext => ({
  ...signInContext(app),
  actor,
});

/** The context of a request without a session (signing in). */
export const signInContext = (
  app: Pick<AppContext, 'db' | 'clock' | 'config' | 'sensitive'>,
): SignInContext => ({
  db: app.db,
  clock: app.clock,
  config: {
    passwordIterations: app.config.passwordIterations,
    passwordPolicy: app.config.passwordPolicy,
    login: app.config.login,
    session: app.config.session,
    cookieSecure: app.config.cookieSecure,
  },
  sensitive: app.sensitive,
});
