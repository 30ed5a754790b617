import { and, count, eq, gte, sql } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { inScope, type Actor } from '../../platform/access/actor.ts';
import {
  checkPasswordPolicy,
  dummyHash,
  hashPassword,
  verifyPassword,
} from '../../platform/access/password.ts';
import { permissionsOf } from '../../platform/access/permissions.ts';
import { audit } from '../../platform/audit/audit.ts';
import { auditLog } from '../../platform/audit/tables.ts';
import type { Role } from '../../platform/contract/common.ts';
import { divisionLevel } from '../../platform/contract/divisions.ts';
import { normalisePhone } from '../../platform/contract/phone.ts';
import { AppError } from '../../platform/http/app-error.ts';
import type { AppContext } from '../../platform/http/context.ts';
import { maskPhone } from '../../platform/sensitive/sensitive.ts';
import { findDivision } from '../divisions/service.ts';
import { findOrganisation } from '../organisations/service.ts';
import {
  AuthError,
  UserError,
  type CreateUserBody,
  type LoginBody,
  type MeView,
  type UpdateUserBody,
  type UserView,
} from './contract.ts';
import { getUser } from './queries.ts';
import { assignableRoles, roleScopeRules } from './rules.ts';
import { endSession, endUserSessions, startSession } from './session.ts';
import { users } from './tables.ts';

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
    const failures = ok ? user.failedLogins : user.failedLogins + 1;
    const lock = failures >= ctx.config.login.maxFailures;
    await ctx.db.transaction(async (tx) => {
      await tx
        .update(users)
        .set(
          lock
            ? { failedLogins: 0, lockedUntil: new Date(now.getTime() + ctx.config.login.lockMs) }
            : { failedLogins: failures },
        )
        .where(eq(users.id, user.id));
      await audit(tx, actorWho, {
        action: 'auth.login',
        entity: 'user',
        entityId: user.id,
        success: false,
        reason,
      });
      if (lock)
        await audit(tx, actorWho, {
          action: 'auth.lock',
          entity: 'user',
          entityId: user.id,
          detail: { failures },
        });
    });
    if (lock)
      throw new AppError(AuthError.locked, {
        params: { minutes: Math.ceil(ctx.config.login.lockMs / 60_000) },
      });
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
  reply.clearCookie('guanai_session', { path: '/' });
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

function assertPasswordPolicy(
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

/** Checks that a role and scope fit together and lie inside what the actor may grant. */
async function assertGrantable(
  db: Db,
  actor: Actor,
  grant: { role: Role; divisionCode: string | null; organisationId: string | null },
): Promise<void> {
  if (!assignableRoles(actor.role).includes(grant.role)) {
    throw new AppError(UserError.role_not_assignable, {
      params: { role: grant.role },
      fields: [{ field: 'role', code: UserError.role_not_assignable }],
    });
  }
  const rule = roleScopeRules[grant.role];
  const expected = [
    rule.divisionLevels?.join('/') ?? '',
    rule.organisationKinds ? `+${rule.organisationKinds.join('/')}` : '',
  ].join('');
  const invalid = (field: string) =>
    new AppError(UserError.scope_invalid, {
      params: { expected },
      fields: [{ field, code: UserError.scope_invalid }],
    });
  const outside = (field: string) =>
    new AppError(UserError.scope_outside, { fields: [{ field, code: UserError.scope_outside }] });

  if (grant.divisionCode === null) {
    if (rule.divisionRequired) throw invalid('divisionCode');
  } else {
    if (!rule.divisionLevels?.includes(divisionLevel(grant.divisionCode)))
      throw invalid('divisionCode');
    if (!inScope(actor, grant.divisionCode) || !(await findDivision(db, grant.divisionCode)))
      throw outside('divisionCode');
  }
  if (grant.organisationId === null) {
    if (rule.organisationKinds) throw invalid('organisationId');
  } else {
    const org = await findOrganisation(db, grant.organisationId);
    if (!org || !inScope(actor, org.divisionCode)) throw outside('organisationId');
    if (actor.scope.organisationId && actor.scope.organisationId !== org.id)
      throw outside('organisationId');
    if (rule.organisationKinds && !rule.organisationKinds.includes(org.kind))
      throw invalid('organisationId');
  }
}

function sealPhone(ctx: Ctx, phone: string | null | undefined) {
  if (phone === undefined) return {};
  if (phone === null || phone === '')
    return { phoneCipher: null, phoneHash: null, phoneMasked: null };
  const normalised = normalisePhone(phone);
  if (!normalised)
    throw new AppError(UserError.phone_invalid, {
      fields: [{ field: 'phone', code: UserError.phone_invalid }],
    });
  return {
    phoneCipher: ctx.sensitive.encrypt(normalised.number),
    phoneHash: ctx.sensitive.lookupHash(normalised.number),
    phoneMasked: maskPhone(normalised.number),
  };
}

export async function createUser(
  ctx: Ctx,
  actor: Actor,
  input: z.infer<typeof CreateUserBody>,
): Promise<UserView> {
  const grant = {
    role: input.role,
    divisionCode: input.divisionCode ?? null,
    organisationId: input.organisationId ?? null,
  };
  await assertGrantable(ctx.db, actor, grant);
  assertPasswordPolicy(ctx, input.password, input.username);
  const passwordHash = await hashPassword(input.password, ctx.config.passwordIterations);
  const phone = sealPhone(ctx, input.phone);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(users)
      .values({
        username: input.username,
        displayName: input.displayName,
        passwordHash,
        ...grant,
        ...phone,
      })
      .onConflictDoNothing()
      .returning({ id: users.id });
    if (!row) {
      throw new AppError(UserError.username_taken, {
        params: { username: input.username },
        fields: [{ field: 'username', code: UserError.username_taken }],
      });
    }
    await audit(tx, actor, {
      action: 'user.create',
      entity: 'user',
      entityId: row.id,
      detail: { username: input.username, ...grant },
    });
    return getUser(tx, actor, row.id, ctx.clock.now());
  });
}

export async function updateUser(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: z.infer<typeof UpdateUserBody>,
): Promise<UserView> {
  const now = ctx.clock.now();
  const before = await getUser(ctx.db, actor, id, now);
  const scopeChanged =
    input.role !== undefined ||
    input.divisionCode !== undefined ||
    input.organisationId !== undefined;
  const grant = {
    role: input.role ?? before.role,
    divisionCode: input.divisionCode !== undefined ? input.divisionCode : before.scope.divisionCode,
    organisationId:
      input.organisationId !== undefined ? input.organisationId : before.scope.organisationId,
  };
  if (scopeChanged) await assertGrantable(ctx.db, actor, grant);
  if (id === actor.userId && (scopeChanged || input.disabled)) {
    throw new AppError(UserError.cannot_change_self);
  }
  const phone = sealPhone(ctx, input.phone);
  return ctx.db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({
        ...(input.displayName !== undefined ? { displayName: input.displayName } : {}),
        ...(scopeChanged ? grant : {}),
        ...phone,
        ...(input.disabled !== undefined ? { disabledAt: input.disabled ? now : null } : {}),
        ...(input.unlock ? { lockedUntil: null, failedLogins: 0 } : {}),
        updatedAt: now,
      })
      .where(eq(users.id, id));
    if (scopeChanged || input.disabled)
      await endUserSessions(tx, id, input.disabled ? 'disabled' : 'scope_changed', now);
    const changes = Object.keys(input);
    await audit(tx, actor, {
      action: scopeChanged ? 'user.permission_change' : 'user.update',
      entity: 'user',
      entityId: id,
      detail: {
        changes,
        ...(scopeChanged ? { before: { role: before.role, ...before.scope }, after: grant } : {}),
        ...(input.disabled !== undefined ? { disabled: input.disabled } : {}),
      },
    });
    return getUser(tx, actor, id, now);
  });
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

/** The full phone number, for a stated reason; the read is audited in the same transaction. */
export async function revealUserPhone(
  ctx: Ctx,
  actor: Actor,
  id: string,
  reason: string,
): Promise<{ phone: string | null }> {
  await getUser(ctx.db, actor, id, ctx.clock.now());
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .select({ phoneCipher: users.phoneCipher })
      .from(users)
      .where(and(eq(users.id, id)));
    await audit(tx, actor, {
      action: 'sensitive.reveal',
      entity: 'user',
      entityId: id,
      reason,
      detail: { field: 'phone' },
    });
    return { phone: row?.phoneCipher ? ctx.sensitive.decrypt(row.phoneCipher) : null };
  });
}
