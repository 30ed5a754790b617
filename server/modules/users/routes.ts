import { defineRoutes } from '../../platform/http/define-routes.ts';
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
  login: ({ body, req, reply }) => login(ctx, body, req, reply),
  logout: ({ actor, reply }) => logout(ctx, actor, reply),
  me: ({ actor }) => me(ctx.db, actor, ctx.clock.now()),
  changePassword: ({ actor, body }) =>
    changePassword(ctx, actor, body.currentPassword, body.newPassword),
}));

export const userRoutes = defineRoutes(userEndpoints, (ctx) => ({
  listUsers: ({ actor, query }) => listUsers(ctx.db, actor, query, ctx.clock.now()),
  getUser: ({ actor, params }) => getUser(ctx.db, actor, params.id, ctx.clock.now()),
  createUser: ({ actor, body }) => createUser(ctx, actor, body),
  updateUser: ({ actor, params, body }) => updateUser(ctx, actor, params.id, body),
  resetPassword: ({ actor, params, body }) =>
    resetPassword(ctx, actor, params.id, body.newPassword),
  revealUserPhone: ({ actor, params, body }) => revealUserPhone(ctx, actor, params.id, body.reason),
}));
