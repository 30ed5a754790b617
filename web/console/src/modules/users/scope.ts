import type { z } from 'zod';
import {
  roleScopeRules,
  type RoleScopeRule,
  type UpdateUserBody,
  type UserView,
} from '../../../../../server/modules/users/contract.ts';
import type { Role } from '../../../../../server/platform/contract/common.ts';
import { divisionLevel } from '../../../../../server/platform/contract/divisions.ts';

/**
 * The user form's role-dependent scope fields, from the contract's `roleScopeRules`: which fields a
 * role uses, what survives a change of role, and what the create and update bodies carry.
 */
export type ScopeValues = { divisionCode?: string | null; organisationId?: string | null };
export type ScopeField = keyof ScopeValues;

export function scopeRuleOf(role: Role | undefined): RoleScopeRule | null {
  return role ? roleScopeRules[role] : null;
}

/** The scope fields the form shows for a role (none before a role is chosen). */
export function scopeFieldsOf(rule: RoleScopeRule | null): ScopeField[] {
  if (!rule) return [];
  const fields: ScopeField[] = [];
  if (rule.divisionLevels) fields.push('divisionCode');
  if (rule.organisationKinds) fields.push('organisationId');
  return fields;
}

const sameKinds = (a: readonly string[] | null, b: readonly string[] | null) =>
  Boolean(a && b && a.length === b.length && a.every((k) => b.includes(k)));

/**
 * The scope after the role changed: a division stays when the new role takes its level, an
 * organisation when the new role takes the same kinds; the rest is cleared. An actor bound to an
 * organisation may grant only that one, so it is filled in.
 */
export function scopeAfterRoleChange(
  previous: Role | undefined,
  next: Role,
  values: ScopeValues,
  ownOrganisationId: string | null,
): Required<ScopeValues> {
  const rule = roleScopeRules[next];
  const division = values.divisionCode;
  const keepDivision = Boolean(division && rule.divisionLevels?.includes(divisionLevel(division)));
  const keepOrganisation =
    Boolean(values.organisationId) &&
    sameKinds(previous ? roleScopeRules[previous].organisationKinds : null, rule.organisationKinds);
  const organisationId = keepOrganisation
    ? (values.organisationId ?? null)
    : rule.organisationKinds
      ? ownOrganisationId
      : null;
  return { divisionCode: keepDivision ? (division ?? null) : null, organisationId };
}

/**
 * The scope a body carries: null for a field the role does not use. An organisation the form does
 * not show (a street officer's street office, from before) is kept while the role stays the same.
 */
export function scopeBody(
  role: Role,
  values: ScopeValues,
  before?: UserView,
): { divisionCode: string | null; organisationId: string | null } {
  const rule = roleScopeRules[role];
  const keepHidden = before && before.role === role;
  return {
    divisionCode: rule.divisionLevels ? (values.divisionCode ?? null) : null,
    organisationId: rule.organisationKinds
      ? (values.organisationId ?? null)
      : keepHidden
        ? before.scope.organisationId
        : null,
  };
}

export type UserFormValues = ScopeValues & {
  username: string;
  displayName: string;
  role: Role;
  phone?: string;
  password: string;
  disabled?: boolean;
  unlock?: boolean;
};

/** The PATCH body: the fields that changed; role and scope travel together when one changes. */
export function userChanges(user: UserView, v: UserFormValues): z.input<typeof UpdateUserBody> {
  const body: z.input<typeof UpdateUserBody> = {};
  if (v.displayName !== user.displayName) body.displayName = v.displayName;
  const scope = scopeBody(v.role, v, user);
  if (
    v.role !== user.role ||
    scope.divisionCode !== user.scope.divisionCode ||
    scope.organisationId !== user.scope.organisationId
  ) {
    Object.assign(body, { role: v.role, ...scope });
  }
  if (v.phone?.trim()) body.phone = v.phone.trim();
  if (v.disabled !== undefined && v.disabled !== user.disabled) body.disabled = v.disabled;
  if (v.unlock) body.unlock = true;
  return body;
}
