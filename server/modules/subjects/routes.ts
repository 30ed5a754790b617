import { defineRoutes } from '../../platform/http/define-routes.ts';
import type { AppContext } from '../../platform/http/context.ts';
import { shanghaiDate } from '../../platform/calendar/dates.ts';
import { subjectEndpoints } from './contract.ts';
import { listSubjects, searchSubjects } from './queries.ts';
import {
  exportSubjects,
  revealSubject,
  setCareLevel,
  viewHousehold,
  viewSubject,
  type ServiceCtx,
} from './service.ts';

const at = (ctx: AppContext): ServiceCtx => {
  const now = ctx.clock.now();
  return { db: ctx.db, sensitive: ctx.sensitive, now, today: shanghaiDate(now) };
};

export const subjectRoutes = defineRoutes(subjectEndpoints, (ctx) => ({
  listSubjects: ({ actor, query }) => listSubjects(at(ctx), actor, query),
  searchSubjects: ({ actor, body }) => searchSubjects(at(ctx), actor, body),
  getSubject: ({ actor, params }) => viewSubject(at(ctx), actor, params.id),
  revealSubject: ({ actor, params, body }) =>
    revealSubject(at(ctx), actor, params.id, body.field, body.reason),
  setCareLevel: ({ actor, params, body }) => setCareLevel(at(ctx), actor, params.id, body),
  exportSubjects: async ({ actor, body }) => ({
    content: await exportSubjects(at(ctx), actor, body, {
      approvalAbove: ctx.config.exports.approvalAbove,
    }),
    fileName: `服务对象名册-${shanghaiDate(ctx.clock.now()).replace(/-/g, '')}.xlsx`,
  }),
  getHousehold: ({ actor, params, locale }) => viewHousehold(at(ctx), actor, params.id, locale),
}));
