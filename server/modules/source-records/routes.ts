import { shanghaiDate } from '../../platform/calendar/dates.ts';
import { toBuffer, writeListExport, XLSX_TYPE } from '../../platform/excel/export.ts';
import type { AppContext } from '../../platform/http/context.ts';
import { defineRoutes } from '../../platform/http/define-routes.ts';
import { downloadHeaders, uploadedFile, uploadSpec } from '../../platform/http/upload.ts';
import { sourceFields, sourceRecordEndpoints } from './contract.ts';
import { listDisagreements, resolveDisagreement } from './disagreements.ts';
import { exportDisagreements } from './service/export-disagreements.ts';
import { importSourceRecords, subjectSources, type SourceCtx } from './service.ts';

const at = (ctx: AppContext): SourceCtx => {
  const now = ctx.clock.now();
  return { db: ctx.db, sensitive: ctx.sensitive, now, today: shanghaiDate(now) };
};

export const sourceRecordRoutes = defineRoutes(sourceRecordEndpoints, (ctx) => ({
  importSourceRecords: async ({ actor, query, req, locale }) => {
    const file = await uploadedFile(req, uploadSpec(ctx, 'xlsx'));
    return importSourceRecords(
      at(ctx),
      actor,
      file.content,
      {
        source: query.source,
        asOf: query.asOf,
        dryRun: query.dryRun === 'true',
        limits: ctx.config.roster.importLimits,
      },
      locale,
    );
  },
  sourceRecordTemplate: async ({ reply }) => {
    const headers = ['身份证号', ...sourceFields.map((f) => f.header)];
    const file = await toBuffer((out) => writeListExport(out, '部门数据', headers, []));
    reply.headers(downloadHeaders('部门数据导入模板.xlsx', XLSX_TYPE));
    return file;
  },
  getSubjectSources: ({ actor, params }) => subjectSources(at(ctx), actor, params.id),
  listDisagreements: ({ actor, query }) => listDisagreements(at(ctx), actor, query),
  resolveDisagreement: ({ actor, params, body }) =>
    resolveDisagreement(at(ctx), actor, params.id, body),
  exportDisagreements: async ({ actor, query, reply }) => {
    const file = await exportDisagreements(at(ctx), actor, query);
    const day = shanghaiDate(ctx.clock.now()).replace(/-/g, '');
    reply.headers(downloadHeaders(`数据不一致清单-${day}.xlsx`, XLSX_TYPE));
    return file;
  },
}));
