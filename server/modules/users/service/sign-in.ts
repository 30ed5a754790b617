import { and, count, eq, gte, sql } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Actor } from '../../../platform/access/actor.ts';
import { dummyHash, verifyPassword } from '../../../platform/access/password.ts';
import { permissionsOf } from '../../../platform/access/permissions.ts';
import { audit, type AuditWho } from '../../../platform/audit/audit.ts';
import { auditLog } from '../../../platform/audit/tables.ts';
import type { Role } from '../../../platform/contract/common.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import type { SignInContext, UsersContext } from '../context.ts';
import { AuthError, type LoginBody, type MeView } from '../contract.ts';
import { getUser } from '../queries.ts';
import { endSession, SESSION_COOKIE, startSession } from '../session.ts';
import { sessions, users } from '../tables.ts';

let dummy: Promise<string> | undefined;

/**
 * Password login (security.md row 6): an unknown user, a wrong password, a locked and a disabled
 * account all get the same answer (status, code, message, and a password hash's worth of time), so
 * nothing tells whether a username exists or is locked; the message says that failures lock. Every
 * attempt is audited; the throttles (per address and username, per address) read the audit log.
 */
export async function login(
  ctx: SignInContext,
  {
    body: input,
    req,
    reply,
  }: { body: z.infer<typeof LoginBody>; req: FastifyRequest; reply: FastifyReply },
): Promise<MeView> {
  const username = input.username.toLowerCase();
  const who = { username, ip: req.ip, requestId: String(req.id) };
  const now = ctx.clock.now();
  await assertNotThrottled(ctx, { who, reply });
  const refused = () =>
    new AppError(AuthError.invalid_credentials, {
      params: {
        failures: ctx.config.login.maxFailures,
        minutes: Math.ceil(ctx.config.login.lockMs / 60_000),
      },
    });
  const [user] = await ctx.db.select().from(users).where(eq(users.username, username));
  if (!user) {
    dummy ??= dummyHash(ctx.config.passwordIterations);
    await verifyPassword(input.password, await dummy);
    await audit(ctx.db, who, { action: 'auth.login', success: false, reason: 'unknown_user' });
    throw refused();
  }
  const actorWho = { ...who, userId: user.id, role: user.role };
  // Checked even when locked, so that a locked account takes as long to refuse as any other.
  const ok = await verifyPassword(input.password, user.passwordHash);
  if (user.lockedUntil && user.lockedUntil > now) {
    await audit(ctx.db, actorWho, {
      action: 'auth.login',
      entity: 'user',
      entityId: user.id,
      success: false,
      reason: 'locked',
    });
    throw refused();
  }
  if (!ok || user.disabledAt) {
    const reason = user.disabledAt ? 'disabled' : 'wrong_password';
    await ctx.db.transaction(async (tx) => {
      await audit(tx, actorWho, {
        action: 'auth.login',
        entity: 'user',
        entityId: user.id,
        success: false,
        reason,
      });
      if (!ok) await countFailure({ ...ctx, db: tx }, { who: actorWho, userId: user.id, now });
    });
    throw refused();
  }
  const sessionId = await ctx.db.transaction(async (tx) => {
    // The last login becomes this session's previous one (locked, so that two logins at once
    // each get the one before).
    const [before] = await tx
      .select({ at: users.lastLoginAt, ip: users.lastLoginIp })
      .from(users)
      .where(eq(users.id, user.id))
      .for('update');
    await tx
      .update(users)
      .set({ failedLogins: 0, lockedUntil: null, lastLoginAt: now, lastLoginIp: req.ip })
      .where(eq(users.id, user.id));
    const id = await startSession(
      { ...ctx, db: tx },
      { userId: user.id, req, reply, previousLogin: before ?? { at: null, ip: null } },
    );
    await audit(tx, actorWho, { action: 'auth.login', entity: 'user', entityId: user.id });
    return id;
  });
  return signedIn(ctx, { userId: user.id, role: user.role as Role, sessionId });
}

/**
 * Counts a wrong password atomically (concurrent attempts each count) and locks the account when the
 * count reaches the limit. Returns whether it locked.
 */
async function countFailure(
  ctx: SignInContext,
  { who, userId, now }: { who: AuditWho; userId: string; now: Date },
): Promise<boolean> {
  const tx = ctx.db;
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

const secondsAgo = (ms: number) => sql`now() - make_interval(secs => ${ms / 1000})`;
const failedLogin = and(
  eq(auditLog.action, 'auth.login'),
  eq(auditLog.success, false),
  sql`${auditLog.reason} is distinct from 'throttled'`,
);

/**
 * The throttles, before any password is checked; the audit log is the record, so every process
 * agrees. A pair of address and username waits after each failure beyond the free ones, twice as
 * long each time (so guessing at one name, known or not, slows to a crawl while a colleague at the
 * next desk is untouched); an address as a whole is refused past a ceiling that a street office
 * behind one NAT address does not reach. A refusal is audited as `throttled` and not counted.
 */
async function assertNotThrottled(
  ctx: SignInContext,
  { who, reply }: { who: { username: string; ip: string; requestId: string }; reply: FastifyReply },
): Promise<void> {
  const { ipMaxFailures, ipWindowMs, lockMs, pairFreeFailures, pairBaseMs, pairMaxMs } =
    ctx.config.login;
  const refuse = async (error: AppError, retryAfterSeconds: number) => {
    await audit(ctx.db, who, { action: 'auth.login', success: false, reason: 'throttled' });
    reply.header('Retry-After', String(retryAfterSeconds));
    return error;
  };
  const [address] = await ctx.db
    .select({ n: count() })
    .from(auditLog)
    .where(
      and(failedLogin, eq(auditLog.ip, who.ip), gte(auditLog.occurredAt, secondsAgo(ipWindowMs))),
    );
  if ((address?.n ?? 0) >= ipMaxFailures) {
    const minutes = Math.ceil(ipWindowMs / 60_000);
    throw await refuse(
      new AppError(AuthError.too_many_attempts, { params: { minutes } }),
      minutes * 60,
    );
  }
  // The pair's failures since its last success, within the lock period.
  const lastSuccess = ctx.db
    .select({ at: sql`max(${auditLog.occurredAt})` })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.action, 'auth.login'),
        eq(auditLog.success, true),
        eq(auditLog.ip, who.ip),
        eq(auditLog.username, who.username),
        gte(auditLog.occurredAt, secondsAgo(lockMs)),
      ),
    );
  const [pair] = await ctx.db
    .select({
      n: count(),
      waitedMs: sql<number | null>`extract(epoch from now() - max(${auditLog.occurredAt})) * 1000`,
    })
    .from(auditLog)
    .where(
      and(
        failedLogin,
        eq(auditLog.ip, who.ip),
        eq(auditLog.username, who.username),
        gte(auditLog.occurredAt, secondsAgo(lockMs)),
        sql`${auditLog.occurredAt} > coalesce((${lastSuccess}), '-infinity'::timestamptz)`,
      ),
    );
  const failures = pair?.n ?? 0;
  if (failures < pairFreeFailures) return;
  const waitMs = Math.min(pairBaseMs * 2 ** (failures - pairFreeFailures), pairMaxMs);
  const remainingMs = waitMs - Number(pair?.waitedMs ?? Infinity);
  if (remainingMs > 0) {
    const seconds = Math.ceil(remainingMs / 1000);
    throw await refuse(new AppError(AuthError.retry_later, { params: { seconds } }), seconds);
  }
}

export async function logout(
  ctx: UsersContext,
  { reply }: { reply: FastifyReply },
): Promise<{ ok: true }> {
  const { actor } = ctx;
  await ctx.db.transaction(async (tx) => {
    await endSession(tx, { sessionId: actor.sessionId, reason: 'logout', at: ctx.clock.now() });
    await audit(tx, actor, { action: 'auth.logout', entity: 'user', entityId: actor.userId });
  });
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
  reply.header('Clear-Site-Data', '"cache", "storage"');
  return { ok: true };
}

/** The signed-in user, with the login before the current session's (上次登录), not the current one. */
export const me = (ctx: UsersContext): Promise<MeView> => signedIn(ctx, ctx.actor);

/** The user of a session (the one just started by a login, or the request's), as `me` answers. */
async function signedIn(
  ctx: SignInContext,
  actor: Pick<Actor, 'userId' | 'role' | 'sessionId'>,
): Promise<MeView> {
  const { db } = ctx;
  const user = await getUser({ ...ctx, actor: null }, actor.userId);
  const [session] = await db
    .select({ at: sessions.previousLoginAt, ip: sessions.previousLoginIp })
    .from(sessions)
    .where(eq(sessions.tokenHash, actor.sessionId));
  return {
    ...user,
    permissions: permissionsOf(actor.role),
    previousLogin: session?.at ? { at: session.at.toISOString(), ip: session.ip } : null,
  };
}
