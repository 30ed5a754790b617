import { createHmac } from 'node:crypto';
import { and, eq, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import { rows, type Db } from '../../db/client.ts';
import type { Actor } from '../access/actor.ts';
import { deriveKey } from '../sensitive/sensitive.ts';
import { ErrorResponse } from '../contract/common.ts';
import { CommonError, defineErrors } from '../contract/errors.ts';
import { AppError } from './app-error.ts';
import type { AppContext } from './context.ts';
import { idempotencyKeys } from './tables.ts';
import { uploadedFile, uploadedFileDigest, type UploadSpec } from './upload.ts';

/** How long an answer is kept for replay. */
const KEEP_HOURS = 24;
/** The advisory lock class of a key being answered (others: 727100 migrations, 727200 roster imports). */
const LOCK_CLASS = 727300;

/**
 * What the OpenAPI document says of an idempotent write: the optional header, and its two answers
 * besides the write's own (the draft's 409 and 422).
 */
export const idempotencySchema = {
  headers: z.object({
    'Idempotency-Key': z
      .string()
      .min(8)
      .max(100)
      .optional()
      .describe(
        'Optional, 8 to 100 characters, one per logical submission (else 400 idempotency.key_invalid). A retry with the same key and the same request gets the first answer again; the write runs once.',
      ),
  }),
  responses: {
    409: ErrorResponse.describe(
      'idempotency.in_progress: the first request with this Idempotency-Key is still running; retry with the same key',
    ),
    422: ErrorResponse.describe(
      'common.idempotency_mismatch: this Idempotency-Key was used with another request (method, path, query, body or file)',
    ),
  },
};

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
 * For the crash test only (server/db/durability.test.ts): called after a first answer committed and
 * before it is sent. Nothing in the product sets it; the test's server kills itself here.
 */
export const idempotencyTestHooks: { afterCommit: ((key: string) => void) | null } = {
  afterCommit: null,
};

/**
 * Runs a write once per (user, Idempotency-Key), exactly once (docs/adr/0006): the write, its audit
 * rows and the answer commit in one transaction, which `run` gets as its database; the services'
 * own transactions join it (see `joined`). A retry with the same key and the same request gets the
 * first answer again; the same key with another request is refused (422); while the first request
 * is still running, a retry is refused (409, an advisory lock held until its commit). A request that
 * fails (an AppError, 4xx, or a crash) rolls back and leaves nothing: a retry under the same key runs
 * again, with the same or a corrected request. Without the header (or a session) the write runs.
 * An upload's file is read (and hashed) before the transaction opens, so a slow upload holds no
 * connection; so is `prepare` run (defineRoutes), unless the key's answer is there to replay.
 */
export async function withIdempotency(
  ctx: AppContext,
  req: FastifyRequest,
  actor: Actor | null,
  status: number,
  run: (db: Db) => Promise<unknown>,
  upload?: UploadSpec,
  prepare?: () => Promise<void>,
): Promise<unknown> {
  const key = req.headers['idempotency-key'];
  if (typeof key !== 'string' || !actor) {
    await prepare?.();
    return run(ctx.db);
  }
  if (key.length < 8 || key.length > 100) throw new AppError(IdempotencyError.key_invalid);
  if (upload) await uploadedFile(req, upload);
  const requestHash = await fingerprint(ctx, req);
  const where = and(eq(idempotencyKeys.userId, actor.userId), eq(idempotencyKeys.key, key));
  const answered = (seen: { requestHash: string; statusCode: number | null } | undefined) => {
    if (!seen || seen.statusCode === null) return false;
    if (seen.requestHash !== requestHash) throw new AppError(CommonError.idempotency_mismatch);
    return true;
  };
  if (prepare) {
    // a first look without the lock: an answer kept is replayed without the work
    const [seen] = await ctx.db
      .select({
        requestHash: idempotencyKeys.requestHash,
        statusCode: idempotencyKeys.statusCode,
        response: idempotencyKeys.response,
      })
      .from(idempotencyKeys)
      .where(where);
    if (answered(seen)) return seen?.response;
    await prepare();
  }
  const outcome = await ctx.db.transaction(async (tx) => {
    // Never waits: a second transaction of the same key gets false at once (no deadlock possible).
    const [lock] = await rows<{ locked: boolean }>(
      tx,
      sql`select pg_try_advisory_xact_lock(${sql.raw(String(LOCK_CLASS))}, hashtext(${`${actor.userId}/${key}`})) as locked`,
    );
    if (!lock?.locked) throw new AppError(IdempotencyError.in_progress);
    // Read after the lock: a first request that committed meanwhile is seen (read committed).
    const [seen] = await tx
      .select({
        requestHash: idempotencyKeys.requestHash,
        statusCode: idempotencyKeys.statusCode,
        response: idempotencyKeys.response,
      })
      .from(idempotencyKeys)
      .where(where);
    if (answered(seen)) return { replayed: true, response: seen?.response };
    // a claim without an answer, left by the version that claimed keys before the write
    if (seen) await tx.delete(idempotencyKeys).where(where);
    const response = await run(joined(tx));
    await tx.insert(idempotencyKeys).values({
      userId: actor.userId,
      key,
      requestHash,
      statusCode: status,
      response: response ?? null,
    });
    return { replayed: false, response };
  });
  if (!outcome.replayed) idempotencyTestHooks.afterCommit?.(key);
  return outcome.response;
}

/**
 * A transaction whose nested transactions are itself, not savepoints: a write under a key fails
 * whole (nothing of it is kept, whatever failed), so a savepoint would only cost two round trips.
 * A failed statement aborts the whole transaction: no service goes on after catching one (none
 * catches a database error; an AppError caught, as reportRemoval catches round_closed, is not one).
 */
function joined(tx: Db): Db {
  const flat: Db = Object.create(tx, {
    transaction: { value: <T>(fn: (inner: Db) => Promise<T>) => fn(flat) },
  });
  return flat;
}

/** Per app: the key of the fingerprints, a subkey of the audit chain's key (so of the master key). */
const fingerprintKeys = new WeakMap<Buffer, Buffer>();

/**
 * What makes two requests the same: method, path and query, body, and the uploaded file's bytes.
 * Keyed (HMAC-SM3): a body may hold a password (a new account's), and an unkeyed hash of it beside
 * the account's other fields would be a fast way to guess it.
 */
async function fingerprint(ctx: AppContext, req: FastifyRequest): Promise<string> {
  let key = fingerprintKeys.get(ctx.auditChainKey);
  if (!key) {
    key = deriveKey(ctx.auditChainKey, 'idempotency fingerprint');
    fingerprintKeys.set(ctx.auditChainKey, key);
  }
  const file = await uploadedFileDigest(req);
  return createHmac('sm3', key)
    .update(`${req.method} ${req.url}\n${JSON.stringify(req.body ?? null)}\n`)
    .update(file ? `file ${file.field} ${file.sm3}` : 'no file')
    .digest('hex');
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
