import { and, isNotNull, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { defineJob, type JobDefinition } from '../../platform/jobs/define-job.ts';
import { sessions } from './tables.ts';

/** Ended sessions are kept a week for inspection; the audit log keeps the logins and logouts. */
export async function pruneEndedSessions(db: Db): Promise<number> {
  const pruned = await db
    .delete(sessions)
    .where(and(isNotNull(sessions.endedAt), lt(sessions.endedAt, sql`now() - interval '7 days'`)))
    .returning({ tokenHash: sessions.tokenHash });
  return pruned.length;
}

/** Every hour at :15 (Asia/Shanghai). */
export const pruneEndedSessionsJob = defineJob({
  name: 'sessions.prune',
  label: { 'zh-CN': '清理已结束的会话', 'en-US': 'Prune ended sessions' },
  payload: z.object({}),
  schedule: { cron: '15 * * * *' },
  retry: { limit: 2, delaySeconds: 60 },
  run: (ctx) => pruneEndedSessions(ctx.db),
});

export const userJobs: JobDefinition[] = [pruneEndedSessionsJob];
