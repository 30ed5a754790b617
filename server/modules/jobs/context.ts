import type { Db } from '../../db/client.ts';
import type { Actor } from '../../platform/access/actor.ts';
import type { AppContext, Clock } from '../../platform/http/context.ts';

/** What the jobs module (an administrator's retry) work with: the database, who asks, the time. */
export type JobsContext = { db: Db; actor: Actor; clock: Clock };

export const jobsContext = (app: AppContext, actor: Actor): JobsContext => ({
  db: app.db,
  actor,
  clock: app.clock,
});
