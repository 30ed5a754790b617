import type { Db } from '../../db/client.ts';
import type { Actor } from '../../platform/access/actor.ts';
import type { AppContext, Clock } from '../../platform/http/context.ts';

/** What the calendar module's endpoints work with: the database, who asks, the time. */
export type CalendarContext = { db: Db; actor: Actor; clock: Clock };

export const calendarContext = (app: AppContext, actor: Actor): CalendarContext => ({
  db: app.db,
  actor,
  clock: app.clock,
});
