import type { Db } from '../../db/client.ts';
import type { Actor } from '../../platform/access/actor.ts';
import type { AppContext, Clock } from '../../platform/http/context.ts';

/** What the divisions module's use cases work with: the database, who asks, the time. */
export type DivisionsContext = { db: Db; actor: Actor; clock: Clock };

export const divisionsContext = (app: AppContext, actor: Actor): DivisionsContext => ({
  db: app.db,
  actor,
  clock: app.clock,
});
