import { and, isNotNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { PeriodicTask } from '../../platform/jobs/housekeeping.ts';
import { sessions } from './tables.ts';

/** Ended sessions are kept a week for inspection; the audit log keeps the logins and logouts. */
export async function pruneEndedSessions(db: Db): Promise<number> {
  const pruned = await db
    .delete(sessions)
    .where(and(isNotNull(sessions.endedAt), lt(sessions.endedAt, sql`now() - interval '7 days'`)))
    .returning({ tokenHash: sessions.tokenHash });
  return pruned.length;
}

export const userTasks: PeriodicTask[] = [
  { name: 'sessions.prune', everyMs: 3_600_000, run: (ctx) => pruneEndedSessions(ctx.db) },
];
