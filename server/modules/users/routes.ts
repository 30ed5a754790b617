import { defineRoutes } from '../../platform/http/define-routes.ts';
import { signInContext, usersContext as at } from './context.ts';
import { authEndpoints, userEndpoints } from './contract.ts';
import { getUser, listUsers } from './queries.ts';
import {
  changePassword,
  createUser,
  login,
  logout,
  me,
  resetPassword,
  revealUserPhone,
  updateUser,
} from './service.ts';

export const authRoutes = defineRoutes(authEndpoints, (ctx) => ({
  login: ({ body, req, reply }) => login(signInContext(ctx), { body, req, reply }),
  logout: ({ actor, reply }) => logout(at(ctx, actor), { reply }),
  me: ({ actor }) => me(at(ctx, actor)),
  changePassword: ({ actor, body }) => changePassword(at(ctx, actor), body),
}));

export const userRoutes = defineRoutes(userEndpoints, (ctx) => ({
  listUsers: ({ actor, query }) => listUsers(at(ctx, actor), query),
  getUser: ({ actor, params }) => getUser(at(ctx, actor), params.id),
  createUser: ({ actor, body }) => createUser(at(ctx, actor), body),
  updateUser: ({ actor, params, body }) =>
    updateUser(at(ctx, actor), { id: params.id, changes: body }),
  resetPassword: ({ actor, params, body }) =>
    resetPassword(at(ctx, actor), { id: params.id, newPassword: body.newPassword }),
  revealUserPhone: ({ actor, params, body }) =>
    revealUserPhone(at(ctx, actor), { id: params.id, reason: body.reason }),
}));
