import type { Db } from '../../db/client.ts';
import type { Actor } from '../../platform/access/actor.ts';
import type { AppContext, Clock } from '../../platform/http/context.ts';

/** What the organisations module's use cases work with: the database, who asks, the time. */
export type OrganisationsContext = { db: Db; actor: Actor; clock: Clock };

export const organisationsContext = (app: AppContext, actor: Actor): OrganisationsContext => ({
  db: app.db,
  actor,
  clock: app.clock,
});
