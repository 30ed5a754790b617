import { z } from 'zod';
import type { DivisionLevel } from '../../platform/contract/divisions.ts';
import type { OrganisationKind } from '../organisations/contract.ts';
import {
  defineAuditActions,
  DivisionCode,
  Ok,
  PhoneInput,
  PageQuery,
  Role,
  Uuid,
  defineErrors,
  defineFieldLabels,
  endpoints,
  pageOf,
} from '../../platform/contract/index.ts';

export const UserAuditAction = defineAuditActions({
  'auth.login': { 'zh-CN': '登录', 'en-US': 'Sign-in' },
  'auth.logout': { 'zh-CN': '退出登录', 'en-US': 'Sign-out' },
  'auth.lock': { 'zh-CN': '账户锁定', 'en-US': 'Account locked' },
  'auth.password_change': { 'zh-CN': '修改本人密码', 'en-US': 'Own password changed' },
  'user.create': { 'zh-CN': '新增用户', 'en-US': 'User created' },
  'user.update': { 'zh-CN': '修改用户', 'en-US': 'User changed' },
  'user.permission_change': { 'zh-CN': '变更角色或数据范围', 'en-US': 'Role or scope changed' },
  'user.password_reset': { 'zh-CN': '重置密码', 'en-US': 'Password reset' },
});

export const AuthError = defineErrors('auth', {
  // Unknown user, wrong password, locked or disabled account: one answer, so none can be told apart.
  invalid_credentials: {
    status: 401,
    'zh-CN': '用户名或密码错误；连续失败 {failures} 次将锁定账户 {minutes} 分钟',
    'en-US':
      'Wrong username or password; after {failures} failures in a row the account is locked for {minutes} minutes',
  },
  too_many_attempts: {
    status: 429,
    'zh-CN': '该地址登录失败次数过多，请 {minutes} 分钟后再试',
    'en-US': 'Too many failed sign-ins from this address; try again in {minutes} minutes',
  },
  retry_later: {
    status: 429,
    'zh-CN': '登录失败次数过多，请 {seconds} 秒后再试',
    'en-US': 'Too many failed sign-ins; try again in {seconds} seconds',
  },
  wrong_password: {
    status: 400,
    'zh-CN': '当前密码不正确',
    'en-US': 'The current password is wrong',
  },
});

export const UserError = defineErrors('user', {
  not_found: { status: 404, 'zh-CN': '未找到该用户', 'en-US': 'The user was not found' },
  username_taken: {
    status: 409,
    'zh-CN': '用户名 {username} 已被使用',
    'en-US': 'The username {username} is taken',
  },
  role_not_assignable: {
    status: 403,
    'zh-CN': '您不能授予“{role}”角色',
    'en-US': 'You may not grant the role "{role}"',
  },
  division_level_invalid: {
    status: 400,
    'zh-CN': '该角色的数据范围应为{levels}级区划',
    'en-US': 'This role needs the scope of a {levels}',
  },
  organisation_kind_invalid: {
    status: 400,
    'zh-CN': '该角色应属于{kinds}',
    'en-US': 'This role belongs to a {kinds}',
  },
  scope_outside: {
    status: 400,
    'zh-CN': '数据范围超出了您的管理范围或不存在',
    'en-US': 'The scope is outside yours or does not exist',
  },
  password_too_short: {
    status: 400,
    'zh-CN': '密码至少需要 {minLength} 位',
    'en-US': 'The password needs at least {minLength} characters',
  },
  password_too_long: {
    status: 400,
    'zh-CN': '密码不能超过 {maxLength} 位',
    'en-US': 'The password may have at most {maxLength} characters',
  },
  password_too_simple: {
    status: 400,
    'zh-CN': '密码需包含大写字母、小写字母、数字、符号中的至少 {minClasses} 类',
    'en-US': 'The password needs {minClasses} of: upper case, lower case, digits, symbols',
  },
  password_contains_username: {
    status: 400,
    'zh-CN': '密码不能包含用户名或其倒序',
    'en-US': 'The password may not contain the username or its reverse',
  },
  password_unchanged: {
    status: 400,
    'zh-CN': '新密码不能与当前密码相同',
    'en-US': 'The new password must differ from the current one',
  },
  cannot_change_self: {
    status: 403,
    'zh-CN': '不能修改本人的角色、数据范围或停用本人账户，请联系其他管理员',
    'en-US': 'Your own role, scope or status is changed by another administrator',
  },
  password_common: {
    status: 400,
    'zh-CN': '密码过于常见，请换一个',
    'en-US': 'This password is too common',
  },
  phone_invalid: {
    status: 400,
    'zh-CN': '手机号应为 11 位数字，固定电话应含区号',
    'en-US': 'A mobile number has 11 digits; a landline needs its area code',
  },
  reveal_reason_required: {
    status: 400,
    'zh-CN': '查看完整信息需填写事由',
    'en-US': 'Give a reason to see the full value',
  },
});

export const userFieldLabels = defineFieldLabels({
  username: { 'zh-CN': '用户名', 'en-US': 'Username' },
  password: { 'zh-CN': '密码', 'en-US': 'Password' },
  currentPassword: { 'zh-CN': '当前密码', 'en-US': 'Current password' },
  newPassword: { 'zh-CN': '新密码', 'en-US': 'New password' },
  displayName: { 'zh-CN': '姓名', 'en-US': 'Name' },
  role: { 'zh-CN': '角色', 'en-US': 'Role' },
  phone: { 'zh-CN': '联系电话', 'en-US': 'Phone' },
  disabled: { 'zh-CN': '停用', 'en-US': 'Disabled' },
  unlock: { 'zh-CN': '解除锁定', 'en-US': 'Unlock' },
});

export const ScopeView = z.object({
  divisionCode: z.string().nullable(),
  divisionName: z.string().nullable(),
  organisationId: z.string().nullable(),
  organisationName: z.string().nullable(),
});

export const UserView = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: Role,
  scope: ScopeView,
  phoneMasked: z.string().nullable(),
  disabled: z.boolean(),
  locked: z.boolean(),
  lastLoginAt: z.string().nullable(),
});
export type UserView = z.infer<typeof UserView>;

export const MeView = UserView.extend({
  permissions: z.array(z.string()),
  /** The successful login before the current session's (上次登录); null on the first. */
  previousLogin: z.object({ at: z.string(), ip: z.string().nullable() }).nullable(),
});
export type MeView = z.infer<typeof MeView>;

const Username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z][a-z0-9_.-]{2,31}$/, { error: 'username_format' });
const Password = z.string().min(1).max(256);
/** A phone, or '' (as null) to leave none. */
const Phone = z.preprocess((v) => (v === '' ? null : v), PhoneInput.nullable());

export const LoginBody = z.object({
  username: z.string().trim().min(1).max(64),
  password: Password,
});
export const ChangePasswordBody = z.object({ currentPassword: Password, newPassword: Password });

export const UserParams = z.object({ id: Uuid });
export const ListUsersQuery = PageQuery.extend({
  role: Role.optional(),
  q: z.string().trim().max(60).optional(),
  organisationId: Uuid.optional(),
});
export const CreateUserBody = z.object({
  username: Username,
  displayName: z.string().trim().min(1).max(40),
  role: Role,
  divisionCode: DivisionCode.nullable().optional(),
  organisationId: Uuid.nullable().optional(),
  phone: Phone.optional(),
  password: Password,
});
export const UpdateUserBody = z.object({
  displayName: z.string().trim().min(1).max(40).optional(),
  role: Role.optional(),
  divisionCode: DivisionCode.nullable().optional(),
  organisationId: Uuid.nullable().optional(),
  phone: Phone.optional(),
  disabled: z.boolean().optional(),
  /** Lifts a lockout before its time. */
  unlock: z.literal(true).optional(),
});
export const ResetPasswordBody = z.object({ newPassword: Password });
export const RevealBody = z.object({ reason: z.string().trim().min(2).max(200) });

export const authEndpoints = endpoints(userFieldLabels, {
  login: {
    method: 'POST',
    path: '/api/auth/login',
    summary: '用户名密码登录，设置会话 Cookie',
    permission: 'public',
    scope: 'none',
    body: LoginBody,
    response: MeView,
  },
  logout: {
    method: 'POST',
    path: '/api/auth/logout',
    summary: '退出登录',
    permission: 'authenticated',
    scope: 'self',
    response: Ok,
  },
  me: {
    method: 'GET',
    path: '/api/auth/me',
    summary: '当前用户、角色、权限和数据范围',
    permission: 'authenticated',
    scope: 'self',
    response: MeView,
  },
  changePassword: {
    method: 'POST',
    path: '/api/auth/password',
    summary: '修改本人密码',
    permission: 'authenticated',
    scope: 'self',
    body: ChangePasswordBody,
    response: Ok,
  },
});

export const userEndpoints = endpoints(userFieldLabels, {
  listUsers: {
    method: 'GET',
    path: '/api/users',
    summary: '列出范围内的用户',
    permission: 'user.read',
    scope: 'division',
    query: ListUsersQuery,
    response: pageOf(UserView),
  },
  getUser: {
    method: 'GET',
    path: '/api/users/:id',
    summary: '查看一个用户',
    permission: 'user.read',
    scope: 'division',
    params: UserParams,
    response: UserView,
  },
  createUser: {
    method: 'POST',
    path: '/api/users',
    summary: '新增用户并设置角色和数据范围',
    permission: 'user.manage',
    scope: 'division',
    body: CreateUserBody,
    response: UserView,
    status: 201,
    idempotent: true,
  },
  updateUser: {
    method: 'PATCH',
    path: '/api/users/:id',
    summary: '修改用户的角色、范围、电话，停用或解锁',
    permission: 'user.manage',
    scope: 'division',
    params: UserParams,
    body: UpdateUserBody,
    response: UserView,
  },
  resetPassword: {
    method: 'POST',
    path: '/api/users/:id/reset-password',
    summary: '重置用户密码（并结束其会话）',
    permission: 'user.manage',
    scope: 'division',
    params: UserParams,
    body: ResetPasswordBody,
    response: Ok,
  },
  revealUserPhone: {
    method: 'POST',
    path: '/api/users/:id/reveal-phone',
    summary: '查看完整电话号码（需填写事由，记入审计日志）',
    permission: 'user.read',
    scope: 'division',
    params: UserParams,
    body: RevealBody,
    response: z.object({ phone: z.string().nullable() }),
  },
});

/** What scope each role needs: a division of some levels, an organisation of some kinds. */
export type RoleScopeRule = {
  divisionLevels: DivisionLevel[] | null;
  divisionRequired: boolean;
  organisationKinds: OrganisationKind[] | null;
};

const field: RoleScopeRule = {
  divisionLevels: ['district', 'street', 'community'],
  divisionRequired: true,
  organisationKinds: ['service_org'],
};

export const roleScopeRules: Record<Role, RoleScopeRule> = {
  admin: { divisionLevels: null, divisionRequired: false, organisationKinds: null },
  district_admin: { divisionLevels: ['district'], divisionRequired: true, organisationKinds: null },
  district_officer: {
    divisionLevels: ['district'],
    divisionRequired: true,
    organisationKinds: null,
  },
  street_officer: { divisionLevels: ['street'], divisionRequired: true, organisationKinds: null },
  community_worker: {
    divisionLevels: ['community'],
    divisionRequired: true,
    organisationKinds: null,
  },
  org_admin: field,
  visitor: field,
  operator: field,
  reviewer: field,
  provider_admin: {
    divisionLevels: ['district', 'street'],
    divisionRequired: false,
    organisationKinds: ['provider'],
  },
  provider_staff: {
    divisionLevels: ['district', 'street', 'community'],
    divisionRequired: false,
    organisationKinds: ['provider'],
  },
  institution_admin: {
    divisionLevels: ['district', 'street', 'community'],
    divisionRequired: false,
    organisationKinds: ['institution'],
  },
  elder: { divisionLevels: ['community'], divisionRequired: true, organisationKinds: null },
};

const serviceOrgRoles: Role[] = ['org_admin', 'visitor', 'operator', 'reviewer'];

/** Which roles an actor of a role may grant. */
export function assignableRoles(actorRole: Role): Role[] {
  switch (actorRole) {
    case 'admin':
      return Object.keys(roleScopeRules) as Role[];
    case 'district_admin':
      return (Object.keys(roleScopeRules) as Role[]).filter((r) => r !== 'admin');
    case 'org_admin':
      return serviceOrgRoles;
    default:
      return [];
  }
}
