import { shanghaiDate } from '../../platform/calendar/dates.ts';
import { defineRoutes } from '../../platform/http/define-routes.ts';
import type { AppContext } from '../../platform/http/context.ts';
import { rosterEndpoints } from './contract.ts';
import { getRoundDetail, listRounds } from './queries.ts';
import {
  approveRound,
  checkRosterUpload,
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
  type CheckedUpload,
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

export const rosterRoutes = defineRoutes(
  rosterEndpoints,
  (ctx) => ({
    importRoster: ({ actor, query, file, prepared, work }) =>
      importRoster(
        at(ctx, query.month),
        actor,
        file,
        query.dryRun === 'true',
        prepared as CheckedUpload,
        work,
      ),
    rosterErrorFile: async ({ actor, query, file, locale, work }) => ({
      content: await rosterErrorFile(at(ctx, query.month), actor, file, locale, work),
      fileName: '名册-错误说明.xlsx',
    }),
    rosterTemplate: async ({ actor }) => ({
      content: await rosterTemplate(at(ctx), actor),
      fileName: '服务对象名册导入模板.xlsx',
    }),
    listRosterRounds: ({ actor, query }) => listRounds(at(ctx), actor, query),
    getRosterRound: ({ actor, params }) => getRoundDetail(at(ctx), actor, params.id),
    removeFromRoster: ({ actor, body }) => proposeRemoval(at(ctx), actor, body),
    withdrawRosterEntry: ({ actor, params }) =>
      withdrawEntry(at(ctx), actor, params.id, params.entryId),
    submitRosterRound: ({ actor, params }) => submitRound(at(ctx), actor, params.id),
    returnRosterRound: ({ actor, params, body }) => returnRound(at(ctx), actor, params.id, body),
    approveRosterRound: ({ actor, params }) => approveRound(at(ctx), actor, params.id),
    exportRosterRounds: ({ actor, body }) => exportRounds(at(ctx), actor, body),
    exportRosterRound: ({ actor, params, body }) =>
      exportRound(at(ctx), actor, params.id, body, {
        approvalAbove: ctx.config.exports.approvalAbove,
      }),
    revealRosterEntry: ({ actor, params, body }) => revealEntry(at(ctx), actor, params, body),
  }),
  // the upload read and checked before the import's transaction (a dry run writes nothing at all)
  (ctx) => ({
    importRoster: ({ actor, query, file, locale, work }) =>
      checkRosterUpload(at(ctx, query.month), actor, file, locale, work),
  }),
);
