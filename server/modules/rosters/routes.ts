import { defineRoutes } from '../../platform/http/define-routes.ts';
import { rosterContext } from './context.ts';
import { rosterEndpoints } from './contract.ts';
import { getRoundDetail, listRounds } from './queries.ts';
import {
  approveRound,
  checkRosterUpload,
  exportRound,
  exportRounds,
  importRoster,
  listRosterSettings,
  proposeRemoval,
  reopenRound,
  returnRound,
  revealEntry,
  rosterErrorFile,
  rosterTemplate,
  submitRound,
  updateRosterSetting,
  withdrawEntry,
  type CheckedUpload,
} from './service.ts';

export const rosterRoutes = defineRoutes(
  rosterEndpoints,
  (app) => {
    const at = (input: Parameters<typeof rosterContext>[1]) => rosterContext(app, input);
    return {
      importRoster: ({ actor, query, file, locale, prepared, work }) =>
        importRoster(
          at({ actor, locale, month: query.month }),
          { file, dryRun: query.dryRun === 'true', checked: prepared as CheckedUpload },
          work,
        ),
      rosterErrorFile: async ({ actor, query, file, locale, work }) => ({
        content: await rosterErrorFile(at({ actor, locale, month: query.month }), { file }, work),
        fileName: '名册-错误说明.xlsx',
      }),
      rosterTemplate: async ({ actor, locale }) => ({
        content: await rosterTemplate(at({ actor, locale })),
        fileName: '服务对象名册导入模板.xlsx',
      }),
      listRosterRounds: ({ actor, query, locale }) => listRounds(at({ actor, locale }), query),
      getRosterRound: ({ actor, params, locale }) => getRoundDetail(at({ actor, locale }), params),
      removeFromRoster: ({ actor, body, locale }) => proposeRemoval(at({ actor, locale }), body),
      withdrawRosterEntry: ({ actor, params, locale }) =>
        withdrawEntry(at({ actor, locale }), params),
      submitRosterRound: ({ actor, params, locale }) => submitRound(at({ actor, locale }), params),
      reopenRosterRound: ({ actor, params, locale }) => reopenRound(at({ actor, locale }), params),
      returnRosterRound: ({ actor, params, body, locale }) =>
        returnRound(at({ actor, locale }), { ...params, ...body }),
      approveRosterRound: ({ actor, params, locale }) =>
        approveRound(at({ actor, locale }), params),
      exportRosterRounds: ({ actor, body, locale }) => exportRounds(at({ actor, locale }), body),
      exportRosterRound: ({ actor, params, body, locale }) =>
        exportRound(
          at({ actor, locale }),
          { ...params, ...body },
          { approvalAbove: app.config.exports.approvalAbove },
        ),
      revealRosterEntry: ({ actor, params, body, locale }) =>
        revealEntry(at({ actor, locale }), { ...params, ...body }),
      listRosterSettings: ({ actor, locale }) => listRosterSettings(at({ actor, locale })),
      updateRosterSetting: ({ actor, params, body, locale }) =>
        updateRosterSetting(at({ actor, locale }), { ...params, ...body }),
    };
  },
  // the upload read and checked before the import's transaction (a dry run writes nothing at all)
  (app) => ({
    importRoster: ({ actor, query, file, locale, work }) =>
      checkRosterUpload(rosterContext(app, { actor, locale, month: query.month }), { file }, work),
  }),
);
