import { defineRoutes } from '../../platform/http/define-routes.ts';
import { XLSX_TYPE } from '../../platform/excel/export.ts';
import { downloadHeaders, uploadedFile, uploadSpec } from '../../platform/http/upload.ts';
import { rosterContext } from './context.ts';
import { rosterEndpoints } from './contract.ts';
import { getRoundDetail, listRounds } from './queries.ts';
import {
  approveRound,
  exportRound,
  exportRounds,
  importRoster,
  proposeRemoval,
  reopenRound,
  returnRound,
  revealEntry,
  rosterErrorFile,
  rosterTemplate,
  submitRound,
  withdrawEntry,
} from './service.ts';

export const rosterRoutes = defineRoutes(rosterEndpoints, (app) => {
  const at = (input: Parameters<typeof rosterContext>[1]) => rosterContext(app, input);
  return {
    importRoster: async ({ actor, query, req, locale }) =>
      importRoster(at({ actor, locale, month: query.month }), {
        file: await uploadedFile(req, uploadSpec(app, 'xlsx')),
        dryRun: query.dryRun === 'true',
      }),
    rosterErrorFile: async ({ actor, query, req, reply, locale }) => {
      const file = await rosterErrorFile(at({ actor, locale, month: query.month }), {
        file: await uploadedFile(req, uploadSpec(app, 'xlsx')),
      });
      reply.headers(downloadHeaders('名册-错误说明.xlsx', XLSX_TYPE));
      return file;
    },
    rosterTemplate: async ({ actor, reply, locale }) => {
      const file = await rosterTemplate(at({ actor, locale }));
      reply.headers(downloadHeaders('服务对象名册导入模板.xlsx', XLSX_TYPE));
      return file;
    },
    listRosterRounds: ({ actor, query, locale }) => listRounds(at({ actor, locale }), query),
    getRosterRound: ({ actor, params, locale }) => getRoundDetail(at({ actor, locale }), params),
    removeFromRoster: ({ actor, body, locale }) => proposeRemoval(at({ actor, locale }), body),
    withdrawRosterEntry: ({ actor, params, locale }) =>
      withdrawEntry(at({ actor, locale }), params),
    submitRosterRound: ({ actor, params, locale }) => submitRound(at({ actor, locale }), params),
    reopenRosterRound: ({ actor, params, locale }) => reopenRound(at({ actor, locale }), params),
    returnRosterRound: ({ actor, params, body, locale }) =>
      returnRound(at({ actor, locale }), { ...params, ...body }),
    approveRosterRound: ({ actor, params, locale }) => approveRound(at({ actor, locale }), params),
    exportRosterRounds: async ({ actor, body, reply, locale }) => {
      const file = await exportRounds(at({ actor, locale }), body);
      reply.headers(downloadHeaders(file.fileName, XLSX_TYPE));
      return file.content;
    },
    exportRosterRound: async ({ actor, params, body, reply, locale }) => {
      const file = await exportRound(at({ actor, locale }), { ...params, ...body });
      reply.headers(downloadHeaders(file.fileName, XLSX_TYPE));
      return file.content;
    },
    revealRosterEntry: ({ actor, params, body, locale }) =>
      revealEntry(at({ actor, locale }), { ...params, ...body }),
  };
});
