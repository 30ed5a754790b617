import { eq } from 'drizzle-orm';
import {
  checkPasswordPolicy,
  hashPassword,
  verifyPassword,
} from '../../../platform/access/password.ts';
import { audit } from '../../../platform/audit/audit.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import type { SignInContext, UsersContext } from '../context.ts';
import { AuthError, UserError } from '../contract.ts';
import { getUser } from '../queries.ts';
import { endUserSessions } from '../session.ts';
import { users } from '../tables.ts';

/** Refuses a password the policy does not allow, on `field` (`password` unless told). */
export function assertPasswordPolicy(
  ctx: Pick<SignInContext, 'config'>,
  {
    password,
    username,
    field = 'password',
  }: { password: string; username: string; field?: string },
): void {
  const policy = ctx.config.passwordPolicy;
  const problem = checkPasswordPolicy(password, username, policy);
  if (problem) {
    const code = `user.password_${problem}`;
    throw new AppError(code, { params: policy, fields: [{ field, code }] });
  }
}

export async function changePassword(
  ctx: UsersContext,
  { currentPassword, newPassword }: { currentPassword: string; newPassword: string },
): Promise<{ ok: true }> {
  const { actor } = ctx;
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
  assertPasswordPolicy(ctx, {
    password: newPassword,
    username: actor.username,
    field: 'newPassword',
  });
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
    await endUserSessions(tx, {
      userId: actor.userId,
      reason: 'password_change',
      at: now,
      keepSessionId: actor.sessionId,
    });
    await audit(tx, actor, {
      action: 'auth.password_change',
      entity: 'user',
      entityId: actor.userId,
    });
  });
  return { ok: true };
}

export async function resetPassword(
  ctx: UsersContext,
  { id, newPassword }: { id: string; newPassword: string },
): Promise<{ ok: true }> {
  const { actor } = ctx;
  const now = ctx.clock.now();
  const target = await getUser(ctx, id);
  assertPasswordPolicy(ctx, {
    password: newPassword,
    username: target.username,
    field: 'newPassword',
  });
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
    await endUserSessions(tx, { userId: id, reason: 'password_reset', at: now });
    await audit(tx, actor, { action: 'user.password_reset', entity: 'user', entityId: id });
  });
  return { ok: true };
}
