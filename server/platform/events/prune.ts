import { lt } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { liveEvents } from './tables.ts';

/**
 * Deletes the events older than the retention (a reconnecting client is replayed only what is still
 * kept); returns how many went. Idempotent, safe on any number of processes; schedule it daily.
 */
export async function pruneLiveEvents(db: Db, retentionMs: number, now: Date): Promise<number> {
  const pruned = await db
    .delete(liveEvents)
    .where(lt(liveEvents.createdAt, new Date(now.getTime() - retentionMs)))
    .returning({ id: liveEvents.id });
  return pruned.length;
}
