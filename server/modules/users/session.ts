import { createHash, randomBytes } from 'node:crypto';
import { and, eq, inArray, isNull, ne } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { permissionsOf } from '../../platform/access/permissions.ts';
import type { Actor, Scope } from '../../platform/access/actor.ts';
import type { Role } from '../../platform/contract/common.ts';
import type { Authentication } from '../../platform/http/context.ts';
import type { Db } from '../../db/client.ts';
import type { SignInContext } from './context.ts';
import { roleScopeRules } from './contract.ts';
import { sessions, users } from './tables.ts';

export const SESSION_COOKIE = 'guanai_session';
/** last_seen_at is written at most this often, so that reads do not all become writes. */
const TOUCH_INTERVAL_MS = 30_000;

const timedOut = new Set(['idle', 'expired']);

/** What the checks of a session work with (built once by app.ts): the database, the time, the timeouts. */
type SessionsContext = Pick<SignInContext, 'db' | 'clock'> & {
  config: Pick<SignInContext['config'], 'session'>;
};

const hashToken = (token: string) => createHash('sm3').update(token).digest('hex');

/** A new session of a user (its cookie set on the reply); `ctx.db` is the login's transaction. */
export async function startSession(
  ctx: SignInContext,
  input: {
    userId: string;
    req: FastifyRequest;
    reply: FastifyReply;
    previousLogin?: { at: Date | null; ip: string | null };
  },
): Promise<string> {
  const { db } = ctx;
  const { userId, req, reply, previousLogin = { at: null, ip: null } } = input;
  const token = randomBytes(32).toString('base64url');
  const now = ctx.clock.now();
  const tokenHash = hashToken(token);
  await db.insert(sessions).values({
    tokenHash,
    userId,
    createdAt: now,
    lastSeenAt: now,
    ip: req.ip,
    userAgent: req.headers['user-agent']?.slice(0, 300) ?? null,
    previousLoginAt: previousLogin.at,
    previousLoginIp: previousLogin.at ? previousLogin.ip : null,
  });
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: ctx.config.cookieSecure,
    maxAge: Math.floor(ctx.config.session.absoluteMs / 1000),
  });
  return tokenHash;
}

export async function endSession(
  db: Db,
  { sessionId, reason, at }: { sessionId: string; reason: string; at: Date },
): Promise<void> {
  await db
    .update(sessions)
    .set({ endedAt: at, endReason: reason })
    .where(and(eq(sessions.tokenHash, sessionId), isNull(sessions.endedAt)));
}

/** Ends every open session of a user (disabled, password reset), or all but one (password change). */
export async function endUserSessions(
  db: Db,
  {
    userId,
    reason,
    at,
    keepSessionId,
  }: { userId: string; reason: string; at: Date; keepSessionId?: string },
): Promise<void> {
  await db
    .update(sessions)
    .set({ endedAt: at, endReason: reason })
    .where(
      and(
        eq(sessions.userId, userId),
        isNull(sessions.endedAt),
        keepSessionId ? ne(sessions.tokenHash, keepSessionId) : undefined,
      ),
    );
}

/**
 * The request's actor; 'session_expired' when the session ended by the idle or absolute timeout (so
 * the client can say so); null when there is no session (none, logged out, disabled user).
 */
export function makeAuthenticate(ctx: SessionsContext) {
  return async function authenticate(
    req: FastifyRequest,
    reply: FastifyReply,
  ): Promise<Authentication> {
    const token = req.cookies[SESSION_COOKIE];
    if (!token) return null;
    const tokenHash = hashToken(token);
    const [found] = await ctx.db
      .select({
        createdAt: sessions.createdAt,
        lastSeenAt: sessions.lastSeenAt,
        userId: users.id,
        username: users.username,
        role: users.role,
        divisionCode: users.divisionCode,
        organisationId: users.organisationId,
        disabledAt: users.disabledAt,
        endReason: sessions.endReason,
        endedAt: sessions.endedAt,
      })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(eq(sessions.tokenHash, tokenHash));
    if (!found || found.endedAt) {
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return found && timedOut.has(found.endReason ?? '') ? 'session_expired' : null;
    }
    const now = ctx.clock.now();
    const idle = now.getTime() - found.lastSeenAt.getTime() > ctx.config.session.idleMs;
    const expired = now.getTime() - found.createdAt.getTime() > ctx.config.session.absoluteMs;
    if (idle || expired || found.disabledAt) {
      const reason = found.disabledAt ? 'disabled' : idle ? 'idle' : 'expired';
      await endSession(ctx.db, { sessionId: tokenHash, reason, at: now });
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return timedOut.has(reason) ? 'session_expired' : null;
    }
    if (now.getTime() - found.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
      await ctx.db
        .update(sessions)
        .set({ lastSeenAt: now })
        .where(eq(sessions.tokenHash, tokenHash));
    }
    const role = found.role as Role;
    return {
      userId: found.userId,
      username: found.username,
      role,
      permissions: new Set(permissionsOf(role)),
      scope: actorScope(role, found.divisionCode, found.organisationId),
      sessionId: tokenHash,
      ip: req.ip,
      requestId: String(req.id),
    };
  };
}

/**
 * The scope a user's session grants. The organisation limits it only for roles that act for an
 * organisation (service organisation, provider, institution); a bureau's or street office's staff
 * belong to theirs, and their division alone is their scope.
 */
export function actorScope(
  role: Role,
  divisionCode: string | null,
  organisationId: string | null,
): Actor['scope'] {
  return {
    divisionCode,
    organisationId: roleScopeRules[role].organisationKinds ? organisationId : null,
  };
}

/**
 * The sessions of open event streams, checked in one query without touching them (a stream keeps
 * no session alive): those still open, with their user's role and scope now. A session past its
 * idle or absolute timeout, or of a disabled user, is ended here as a request would end it.
 */
export function makeSessionCheck(ctx: SessionsContext) {
  return async function checkSessions(
    sessionIds: string[],
  ): Promise<Map<string, { role: Role; scope: Scope }>> {
    const open = new Map<string, { role: Role; scope: Scope }>();
    if (sessionIds.length === 0) return open;
    const found = await ctx.db
      .select({
        tokenHash: sessions.tokenHash,
        createdAt: sessions.createdAt,
        lastSeenAt: sessions.lastSeenAt,
        role: users.role,
        divisionCode: users.divisionCode,
        organisationId: users.organisationId,
        disabledAt: users.disabledAt,
      })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(and(inArray(sessions.tokenHash, sessionIds), isNull(sessions.endedAt)));
    const now = ctx.clock.now();
    for (const s of found) {
      const idle = now.getTime() - s.lastSeenAt.getTime() > ctx.config.session.idleMs;
      const expired = now.getTime() - s.createdAt.getTime() > ctx.config.session.absoluteMs;
      if (idle || expired || s.disabledAt) {
        const reason = s.disabledAt ? 'disabled' : idle ? 'idle' : 'expired';
        await endSession(ctx.db, { sessionId: s.tokenHash, reason, at: now });
        continue;
      }
      const role = s.role as Role;
      open.set(s.tokenHash, { role, scope: actorScope(role, s.divisionCode, s.organisationId) });
    }
    return open;
  };
}
