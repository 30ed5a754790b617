import { shanghaiDate } from '../../platform/calendar/dates.ts';
import { defineRoutes } from '../../platform/http/define-routes.ts';
import { careLevelsContext } from './context.ts';
import { careLevelEndpoints } from './contract.ts';
import {
  classificationReport,
  exportClassification,
  listRules,
  listRuleVersions,
  replaceRules,
  restoreDefaultRules,
  suggestionFor,
} from './service.ts';

export const careLevelRoutes = defineRoutes(careLevelEndpoints, (app) => {
  const at = (input: Parameters<typeof careLevelsContext>[1]) => careLevelsContext(app, input);
  return {
    listCareLevelRules: ({ actor, locale }) => listRules(at({ actor, locale })),
    replaceCareLevelRules: ({ actor, body, locale }) => replaceRules(at({ actor, locale }), body),
    restoreDefaultCareLevelRules: ({ actor, locale }) => restoreDefaultRules(at({ actor, locale })),
    listCareLevelRuleVersions: ({ actor, query, locale }) =>
      listRuleVersions(at({ actor, locale }), query),
    suggestCareLevel: ({ actor, params, locale }) =>
      suggestionFor(at({ actor, locale }), params.id),
    getClassification: ({ actor, query, locale }) =>
      classificationReport(at({ actor, locale }), { divisionCode: query.divisionCode }),
    exportClassification: async ({ actor, query, locale }) => {
      const content = await exportClassification(at({ actor, locale }), {
        divisionCode: query.divisionCode,
      });
      const day = shanghaiDate(app.clock.now()).replace(/-/g, '');
      return { content, fileName: `关爱等级分类情况反馈表-${day}.xlsx` };
    },
  };
});
