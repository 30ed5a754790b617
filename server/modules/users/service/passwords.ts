import { eq } from 'drizzle-orm';
import type { Actor } from '../../../platform/access/actor.ts';
import {
  checkPasswordPolicy,
  hashPassword,
  verifyPassword,
} from '../../../platform/access/password.ts';
import { audit } from '../../../platform/audit/audit.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import type { AppContext } from '../../../platform/http/context.ts';
import { AuthError, UserError } from '../contract.ts';
import { getUser } from '../queries.ts';
import { endUserSessions } from '../session.ts';
import { users } from '../tables.ts';

type Ctx = Omit<AppContext, 'authenticate'>;

export function assertPasswordPolicy(
  ctx: Ctx,
  password: string,
  username: string,
  field = 'password',
): void {
  const policy = ctx.config.passwordPolicy;
  const problem = checkPasswordPolicy(password, username, policy);
  if (problem) {
    const code = `user.password_${problem}`;
    throw new AppError(code, { params: policy, fields: [{ field, code }] });
  }
}

export async function changePassword(
  ctx: Ctx,
  actor: Actor,
  currentPassword: string,
  newPassword: string,
): Promise<{ ok: true }> {
  const [user] = await ctx.db
    .select({ passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, actor.userId));
  if (!user || !(await verifyPassword(currentPassword, user.passwordHash))) {
    await audit(ctx.db, actor, {
      action: 'auth.password_change',
      entity: 'user',
      entityId: actor.userId,
      success: false,
      reason: 'wrong_password',
    });
    throw new AppError(AuthError.wrong_password, {
      fields: [{ field: 'currentPassword', code: AuthError.wrong_password }],
    });
  }
  assertPasswordPolicy(ctx, newPassword, actor.username, 'newPassword');
  if (newPassword === currentPassword) {
    throw new AppError(UserError.password_unchanged, {
      fields: [{ field: 'newPassword', code: UserError.password_unchanged }],
    });
  }
  const passwordHash = await hashPassword(newPassword, ctx.config.passwordIterations);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, passwordChangedAt: now, updatedAt: now })
      .where(eq(users.id, actor.userId));
    // Whoever else held a session of this account is signed out; this session stays.
    await endUserSessions(tx, actor.userId, 'password_change', now, actor.sessionId);
    await audit(tx, actor, {
      action: 'auth.password_change',
      entity: 'user',
      entityId: actor.userId,
    });
  });
  return { ok: true };
}

export async function resetPassword(
  ctx: Ctx,
  actor: Actor,
  id: string,
  newPassword: string,
): Promise<{ ok: true }> {
  const now = ctx.clock.now();
  const target = await getUser(ctx.db, actor, id, now);
  assertPasswordPolicy(ctx, newPassword, target.username, 'newPassword');
  const passwordHash = await hashPassword(newPassword, ctx.config.passwordIterations);
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({
        passwordHash,
        passwordChangedAt: now,
        failedLogins: 0,
        lockedUntil: null,
        updatedAt: now,
      })
      .where(eq(users.id, id));
    await endUserSessions(tx, id, 'password_reset', now);
    await audit(tx, actor, { action: 'user.password_reset', entity: 'user', entityId: id });
  });
  return { ok: true };
}
