import { shanghaiDate } from '../../platform/calendar/dates.ts';
import type { AppContext } from '../../platform/http/context.ts';
import { defineRoutes } from '../../platform/http/define-routes.ts';
import { careLevelEndpoints } from './contract.ts';
import {
  classificationReport,
  exportClassification,
  listRules,
  listRuleVersions,
  replaceRules,
  restoreDefaultRules,
  suggestionFor,
  type CareLevelCtx,
} from './service.ts';

const at = (ctx: AppContext): CareLevelCtx => {
  const now = ctx.clock.now();
  return { db: ctx.db, now, today: shanghaiDate(now) };
};

export const careLevelRoutes = defineRoutes(careLevelEndpoints, (ctx) => ({
  listCareLevelRules: ({ locale }) => listRules(at(ctx), locale),
  replaceCareLevelRules: ({ actor, body, locale }) => replaceRules(at(ctx), actor, body, locale),
  restoreDefaultCareLevelRules: ({ actor, locale }) => restoreDefaultRules(at(ctx), actor, locale),
  listCareLevelRuleVersions: ({ query, locale }) => listRuleVersions(at(ctx), query, locale),
  suggestCareLevel: ({ actor, params, locale }) => suggestionFor(at(ctx), actor, params.id, locale),
  getClassification: ({ actor, query, locale }) =>
    classificationReport(at(ctx), actor, query.divisionCode, locale),
  exportClassification: async ({ actor, query }) => {
    const content = await exportClassification(at(ctx), actor, query.divisionCode);
    const day = shanghaiDate(ctx.clock.now()).replace(/-/g, '');
    return { content, fileName: `关爱等级分类情况反馈表-${day}.xlsx` };
  },
}));
