import { createHash } from 'node:crypto';
import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../access/actor.ts';
import { CommonError, defineErrors } from '../contract/errors.ts';
import { AppError } from './app-error.ts';
import type { AppContext } from './context.ts';
import { idempotencyKeys } from './tables.ts';

const ABANDONED_AFTER_SECONDS = 60;
/** How long an answer is kept for replay. */
const KEEP_HOURS = 24;

export const IdempotencyError = defineErrors('idempotency', {
  in_progress: {
    status: 409,
    'zh-CN': '该请求正在处理中，请稍候',
    'en-US': 'This request is still being processed',
  },
  key_invalid: {
    status: 400,
    'zh-CN': 'Idempotency-Key 请求头应为 8 至 100 个字符',
    'en-US': 'The Idempotency-Key header must have 8 to 100 characters',
  },
});

/**
 * Runs a write once per (user, Idempotency-Key): a retry with the same key and the same request gets
 * the first answer again; the same key with another request is refused. Without the header the write
 * simply runs.
 */
export async function withIdempotency(
  ctx: AppContext,
  req: FastifyRequest,
  actor: Actor | null,
  status: number,
  run: () => Promise<unknown>,
): Promise<unknown> {
  const key = req.headers['idempotency-key'];
  if (typeof key !== 'string' || !actor) return run();
  if (key.length < 8 || key.length > 100) throw new AppError(IdempotencyError.key_invalid);
  const requestHash = createHash('sm3')
    .update(
      // the query too: an upload's options (dryRun, month) travel there, its file is not hashed
      `${req.method} ${req.url}\n${JSON.stringify(req.params)}\n${JSON.stringify(req.body ?? null)}`,
    )
    .digest('hex');
  const where = and(eq(idempotencyKeys.userId, actor.userId), eq(idempotencyKeys.key, key));
  const claim = () =>
    ctx.db
      .insert(idempotencyKeys)
      .values({ userId: actor.userId, key, requestHash })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });
  let claimed = await claim();
  if (claimed.length === 0) {
    // A claim left unanswered for a minute belongs to a request that died (a crash, a kill): free it.
    const abandoned = await ctx.db
      .delete(idempotencyKeys)
      .where(
        and(
          where,
          isNull(idempotencyKeys.statusCode),
          lt(
            idempotencyKeys.createdAt,
            sql`now() - interval '${sql.raw(String(ABANDONED_AFTER_SECONDS))} seconds'`,
          ),
        ),
      )
      .returning({ key: idempotencyKeys.key });
    if (abandoned.length > 0) claimed = await claim();
  }
  if (claimed.length === 0) {
    const [seen] = await ctx.db.select().from(idempotencyKeys).where(where);
    if (!seen) throw new AppError(IdempotencyError.in_progress);
    if (seen.statusCode === null) throw new AppError(IdempotencyError.in_progress);
    if (seen.requestHash !== requestHash) throw new AppError(CommonError.idempotency_mismatch);
    return seen.response;
  }
  try {
    const result = await run();
    await ctx.db
      .update(idempotencyKeys)
      .set({ statusCode: status, response: result ?? null })
      .where(where);
    return result;
  } catch (err) {
    await ctx.db.delete(idempotencyKeys).where(where);
    throw err;
  }
}

/** Forgets answers older than a day (a retry comes within minutes, not days). */
export async function pruneIdempotencyKeys(db: Db): Promise<number> {
  const pruned = await db
    .delete(idempotencyKeys)
    .where(
      lt(idempotencyKeys.createdAt, sql`now() - interval '${sql.raw(String(KEEP_HOURS))} hours'`),
    )
    .returning({ key: idempotencyKeys.key });
  return pruned.length;
}
