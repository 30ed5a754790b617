import { shanghaiDate } from '../../platform/calendar/dates.ts';
import { toBuffer, writeListExport } from '../../platform/excel/export.ts';
import type { AppContext } from '../../platform/http/context.ts';
import { defineRoutes } from '../../platform/http/define-routes.ts';
import { sourceFields, sourceRecordEndpoints } from './contract.ts';
import { listDisagreements, resolveDisagreement } from './disagreements.ts';
import { exportDisagreements } from './service/export-disagreements.ts';
import {
  checkSourceRecords,
  importSourceRecords,
  subjectSources,
  type CheckedSourceRecords,
  type SourceCtx,
} from './service.ts';

const at = (ctx: AppContext): SourceCtx => {
  const now = ctx.clock.now();
  return { db: ctx.db, sensitive: ctx.sensitive, now, today: shanghaiDate(now) };
};

export const sourceRecordRoutes = defineRoutes(
  sourceRecordEndpoints,
  (ctx) => ({
    importSourceRecords: async ({ actor, query, prepared }) =>
      importSourceRecords(at(ctx), actor, prepared as CheckedSourceRecords, {
        source: query.source,
        asOf: query.asOf,
        dryRun: query.dryRun === 'true',
      }),
    sourceRecordTemplate: async () => {
      const headers = ['身份证号', ...sourceFields.map((f) => f.header)];
      const content = await toBuffer((out) => writeListExport(out, '部门数据', headers, []));
      return { content, fileName: '部门数据导入模板.xlsx' };
    },
    getSubjectSources: ({ actor, params }) => subjectSources(at(ctx), actor, params.id),
    listDisagreements: ({ actor, query }) => listDisagreements(at(ctx), actor, query),
    resolveDisagreement: ({ actor, params, body }) =>
      resolveDisagreement(at(ctx), actor, params.id, body),
    exportDisagreements: async ({ actor, query }) => {
      const day = shanghaiDate(ctx.clock.now()).replace(/-/g, '');
      return {
        content: await exportDisagreements(at(ctx), actor, query),
        fileName: `数据不一致清单-${day}.xlsx`,
      };
    },
  }),
  // the file read and checked before the import's transaction (a dry run writes nothing at all)
  (ctx) => ({
    importSourceRecords: ({ actor, query, file, locale, work }) =>
      checkSourceRecords(
        at(ctx),
        actor,
        file.content,
        { source: query.source, asOf: query.asOf, limits: ctx.config.roster.importLimits },
        locale,
        work,
      ),
  }),
);
