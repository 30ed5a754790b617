import { and, count, eq, gte, sql } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Db } from '../../../db/client.ts';
import type { Actor } from '../../../platform/access/actor.ts';
import { dummyHash, verifyPassword } from '../../../platform/access/password.ts';
import { permissionsOf } from '../../../platform/access/permissions.ts';
import { audit, type AuditWho } from '../../../platform/audit/audit.ts';
import { auditLog } from '../../../platform/audit/tables.ts';
import type { Role } from '../../../platform/contract/common.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import type { AppContext } from '../../../platform/http/context.ts';
import { AuthError, type LoginBody, type MeView } from '../contract.ts';
import { getUser } from '../queries.ts';
import { endSession, SESSION_COOKIE, startSession } from '../session.ts';
import { users } from '../tables.ts';

type Ctx = Omit<AppContext, 'authenticate'>;
let dummy: Promise<string> | undefined;

/** Password login: lockout after repeated failures, a generic message, every attempt audited. */
export async function login(
  ctx: AppContext,
  input: z.infer<typeof LoginBody>,
  req: FastifyRequest,
  reply: FastifyReply,
): Promise<MeView> {
  const username = input.username.toLowerCase();
  const who = { username, ip: req.ip, requestId: String(req.id) };
  const now = ctx.clock.now();
  await assertAddressNotThrottled(ctx, req.ip);
  const [user] = await ctx.db.select().from(users).where(eq(users.username, username));
  if (!user) {
    dummy ??= dummyHash(ctx.config.passwordIterations);
    await verifyPassword(input.password, await dummy);
    await audit(ctx.db, who, { action: 'auth.login', success: false, reason: 'unknown_user' });
    throw new AppError(AuthError.invalid_credentials);
  }
  const actorWho = { ...who, userId: user.id, role: user.role };
  if (user.lockedUntil && user.lockedUntil > now) {
    await audit(ctx.db, actorWho, {
      action: 'auth.login',
      entity: 'user',
      entityId: user.id,
      success: false,
      reason: 'locked',
    });
    const minutes = Math.ceil((user.lockedUntil.getTime() - now.getTime()) / 60_000);
    throw new AppError(AuthError.locked, { params: { minutes } });
  }
  const ok = await verifyPassword(input.password, user.passwordHash);
  if (!ok || user.disabledAt) {
    const reason = user.disabledAt ? 'disabled' : 'wrong_password';
    const locked = await ctx.db.transaction(async (tx) => {
      await audit(tx, actorWho, {
        action: 'auth.login',
        entity: 'user',
        entityId: user.id,
        success: false,
        reason,
      });
      return ok ? false : countFailure(ctx, tx, actorWho, user.id, now);
    });
    if (locked) {
      throw new AppError(AuthError.locked, {
        params: { minutes: Math.ceil(ctx.config.login.lockMs / 60_000) },
      });
    }
    throw new AppError(AuthError.invalid_credentials);
  }
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ failedLogins: 0, lockedUntil: null, lastLoginAt: now })
      .where(eq(users.id, user.id));
    await startSession(ctx, tx, user.id, req, reply);
    await audit(tx, actorWho, { action: 'auth.login', entity: 'user', entityId: user.id });
  });
  return me(ctx.db, { userId: user.id, role: user.role as Role }, now);
}

/**
 * Counts a wrong password atomically (concurrent attempts each count) and locks the account when the
 * count reaches the limit. Returns whether it locked.
 */
async function countFailure(
  ctx: Ctx,
  tx: Db,
  who: AuditWho,
  userId: string,
  now: Date,
): Promise<boolean> {
  const [counted] = await tx
    .update(users)
    .set({ failedLogins: sql`${users.failedLogins} + 1` })
    .where(eq(users.id, userId))
    .returning({ failures: users.failedLogins });
  const failures = counted?.failures ?? 0;
  if (failures < ctx.config.login.maxFailures) return false;
  await tx
    .update(users)
    .set({ failedLogins: 0, lockedUntil: new Date(now.getTime() + ctx.config.login.lockMs) })
    .where(eq(users.id, userId));
  await audit(tx, who, {
    action: 'auth.lock',
    entity: 'user',
    entityId: userId,
    detail: { failures },
  });
  return true;
}

/**
 * Per-address throttle (security.md row 6): too many failed logins from one IP in the window are
 * refused before any password is checked. The audit log is the record, so every process agrees.
 */
async function assertAddressNotThrottled(ctx: AppContext, ip: string): Promise<void> {
  const { ipMaxFailures, ipWindowMs } = ctx.config.login;
  const [row] = await ctx.db
    .select({ n: count() })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.action, 'auth.login'),
        eq(auditLog.success, false),
        eq(auditLog.ip, ip),
        gte(auditLog.occurredAt, sql`now() - make_interval(secs => ${ipWindowMs / 1000})`),
      ),
    );
  if ((row?.n ?? 0) >= ipMaxFailures) {
    throw new AppError(AuthError.too_many_attempts, {
      params: { minutes: Math.ceil(ipWindowMs / 60_000) },
    });
  }
}

export async function logout(ctx: Ctx, actor: Actor, reply: FastifyReply): Promise<{ ok: true }> {
  await ctx.db.transaction(async (tx) => {
    await endSession(tx, actor.sessionId, 'logout', ctx.clock.now());
    await audit(tx, actor, { action: 'auth.logout', entity: 'user', entityId: actor.userId });
  });
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
  reply.header('Clear-Site-Data', '"cache", "storage"');
  return { ok: true };
}

export async function me(
  db: Db,
  actor: Pick<Actor, 'userId' | 'role'>,
  now: Date,
): Promise<MeView> {
  const user = await getUser(db, null, actor.userId, now);
  return { ...user, permissions: permissionsOf(actor.role) };
}
