import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { inScope } from '../../../platform/access/actor.ts';
import { hashPassword } from '../../../platform/access/password.ts';
import { audit } from '../../../platform/audit/audit.ts';
import type { Role } from '../../../platform/contract/common.ts';
import { divisionLevel, divisionLevelNames } from '../../../platform/contract/divisions.ts';
import { normalisePhone } from '../../../platform/contract/phone.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import { maskPhone } from '../../../platform/sensitive/sensitive.ts';
import { findDivision } from '../../divisions/service.ts';
import { findOrganisation } from '../../organisations/service.ts';
import {
  UserError,
  assignableRoles,
  roleScopeRules,
  type CreateUserBody,
  type UpdateUserBody,
  type UserView,
} from '../contract.ts';
import type { UsersContext } from '../context.ts';
import { organisationKindNames } from '../../organisations/contract.ts';
import { getUser } from '../queries.ts';
import { endUserSessions } from '../session.ts';
import { users } from '../tables.ts';
import { assertPasswordPolicy } from './passwords.ts';

/** Checks that a role and scope fit together and lie inside what the actor may grant. */
async function assertGrantable(
  { db, actor }: UsersContext,
  grant: { role: Role; divisionCode: string | null; organisationId: string | null },
): Promise<void> {
  if (!assignableRoles(actor.role).includes(grant.role)) {
    throw new AppError(UserError.role_not_assignable, {
      params: { role: grant.role },
      fields: [{ field: 'role', code: UserError.role_not_assignable }],
    });
  }
  const rule = roleScopeRules[grant.role];
  const levels = listNames((rule.divisionLevels ?? []).map((l) => divisionLevelNames[l]));
  const kinds = listNames((rule.organisationKinds ?? []).map((k) => organisationKindNames[k]));
  const invalid = (field: 'divisionCode' | 'organisationId') => {
    const code =
      field === 'divisionCode'
        ? UserError.division_level_invalid
        : UserError.organisation_kind_invalid;
    return new AppError(code, { params: { levels, kinds }, fields: [{ field, code }] });
  };
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

function sealPhone(ctx: UsersContext, phone: string | null | undefined) {
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
  ctx: UsersContext,
  input: z.infer<typeof CreateUserBody>,
): Promise<UserView> {
  const { actor } = ctx;
  const grant = {
    role: input.role,
    divisionCode: input.divisionCode ?? null,
    organisationId: input.organisationId ?? null,
  };
  await assertGrantable(ctx, grant);
  assertPasswordPolicy(ctx, { password: input.password, username: input.username });
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
    return getUser({ ...ctx, db: tx }, row.id);
  });
}

export async function updateUser(
  ctx: UsersContext,
  { id, changes: input }: { id: string; changes: z.infer<typeof UpdateUserBody> },
): Promise<UserView> {
  const { actor } = ctx;
  const now = ctx.clock.now();
  const before = await getUser(ctx, id);
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
  if (scopeChanged) await assertGrantable(ctx, grant);
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
      await endUserSessions(tx, {
        userId: id,
        reason: input.disabled ? 'disabled' : 'scope_changed',
        at: now,
      });
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
    return getUser({ ...ctx, db: tx }, id);
  });
}
/** The full phone number, for a stated reason; the read is audited in the same transaction. */
export async function revealUserPhone(
  ctx: UsersContext,
  { id, reason }: { id: string; reason: string },
): Promise<{ phone: string | null }> {
  const { actor } = ctx;
  await getUser(ctx, id);
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

/** 区县、街道或社区 / district, street or community */
function listNames(names: { 'zh-CN': string; 'en-US': string }[]): {
  'zh-CN': string;
  'en-US': string;
} {
  const join = (words: string[], sep: string, last: string) =>
    words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(sep)}${last}${words.at(-1)}`;
  return {
    'zh-CN': join(
      names.map((n) => n['zh-CN']),
      '、',
      '或',
    ),
    'en-US': join(
      names.map((n) => n['en-US']),
      ', ',
      ' or ',
    ),
  };
}
