import { shanghaiDate } from '../../platform/calendar/dates.ts';
import { defineRoutes } from '../../platform/http/define-routes.ts';
import type { AppContext } from '../../platform/http/context.ts';
import { XLSX_TYPE } from '../../platform/excel/export.ts';
import { downloadHeaders, uploadedFile, uploadSpec } from '../../platform/http/upload.ts';
import { rosterEndpoints } from './contract.ts';
import { getRoundDetail, listRounds } from './queries.ts';
import {
  approveRound,
  exportRound,
  exportRounds,
  importRoster,
  proposeRemoval,
  returnRound,
  revealEntry,
  rosterErrorFile,
  rosterTemplate,
  submitRound,
  withdrawEntry,
  type RosterCtx,
} from './service.ts';

const at = (ctx: AppContext, month?: string): RosterCtx => {
  const now = ctx.clock.now();
  const today = shanghaiDate(now);
  return {
    db: ctx.db,
    sensitive: ctx.sensitive,
    now,
    today,
    month: month ?? today.slice(0, 7),
    config: ctx.config.roster,
  };
};

export const rosterRoutes = defineRoutes(rosterEndpoints, (ctx) => ({
  importRoster: async ({ actor, query, req, locale }) =>
    importRoster(
      at(ctx, query.month),
      actor,
      await uploadedFile(req, uploadSpec(ctx, 'xlsx')),
      query.dryRun === 'true',
      locale,
    ),
  rosterErrorFile: async ({ actor, query, req, reply, locale }) => {
    const file = await rosterErrorFile(
      at(ctx, query.month),
      actor,
      await uploadedFile(req, uploadSpec(ctx, 'xlsx')),
      locale,
    );
    reply.headers(downloadHeaders('名册-错误说明.xlsx', XLSX_TYPE));
    return file;
  },
  rosterTemplate: async ({ actor, reply }) => {
    const file = await rosterTemplate(at(ctx), actor);
    reply.headers(downloadHeaders('服务对象名册导入模板.xlsx', XLSX_TYPE));
    return file;
  },
  listRosterRounds: ({ actor, query }) => listRounds(at(ctx), actor, query),
  getRosterRound: ({ actor, params }) => getRoundDetail(at(ctx), actor, params.id),
  removeFromRoster: ({ actor, body }) => proposeRemoval(at(ctx), actor, body),
  withdrawRosterEntry: ({ actor, params }) =>
    withdrawEntry(at(ctx), actor, params.id, params.entryId),
  submitRosterRound: ({ actor, params }) => submitRound(at(ctx), actor, params.id),
  returnRosterRound: ({ actor, params, body }) => returnRound(at(ctx), actor, params.id, body),
  approveRosterRound: ({ actor, params }) => approveRound(at(ctx), actor, params.id),
  exportRosterRounds: async ({ actor, body, reply }) => {
    const file = await exportRounds(at(ctx), actor, body);
    reply.headers(downloadHeaders(file.fileName, XLSX_TYPE));
    return file.content;
  },
  exportRosterRound: async ({ actor, params, body, reply }) => {
    const file = await exportRound(at(ctx), actor, params.id, body, {
      approvalAbove: ctx.config.exports.approvalAbove,
    });
    reply.headers(downloadHeaders(file.fileName, XLSX_TYPE));
    return file.content;
  },
  revealRosterEntry: ({ actor, params, body }) => revealEntry(at(ctx), actor, params, body),
}));
