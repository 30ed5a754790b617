import { shanghaiDate } from '../../platform/calendar/dates.ts';
import { toBuffer, writeListExport } from '../../platform/excel/export.ts';
import { defineRoutes } from '../../platform/http/define-routes.ts';
import { sourceRecordsContext } from './context.ts';
import { sourceFields, sourceRecordEndpoints } from './contract.ts';
import { listDisagreements, resolveDisagreement } from './disagreements.ts';
import { exportDisagreements } from './service/export-disagreements.ts';
import {
  checkSourceRecords,
  importSourceRecords,
  subjectSources,
  type CheckedSourceRecords,
} from './service.ts';

export const sourceRecordRoutes = defineRoutes(
  sourceRecordEndpoints,
  (app) => {
    const at = (request: Parameters<typeof sourceRecordsContext>[1]) =>
      sourceRecordsContext(app, request);
    return {
      importSourceRecords: async ({ actor, query, prepared, locale }) =>
        importSourceRecords(at({ actor, locale }), {
          checked: prepared as CheckedSourceRecords,
          source: query.source,
          asOf: query.asOf,
          dryRun: query.dryRun === 'true',
        }),
      sourceRecordTemplate: async () => {
        const headers = ['身份证号', ...sourceFields.map((f) => f.header)];
        const content = await toBuffer((out) => writeListExport(out, '部门数据', headers, []));
        return { content, fileName: '部门数据导入模板.xlsx' };
      },
      getSubjectSources: ({ actor, params, locale }) =>
        subjectSources(at({ actor, locale }), params.id),
      listDisagreements: ({ actor, query, locale }) =>
        listDisagreements(at({ actor, locale }), query),
      resolveDisagreement: ({ actor, params, body, locale }) =>
        resolveDisagreement(at({ actor, locale }), { id: params.id, ...body }),
      exportDisagreements: async ({ actor, query, locale }) => {
        const day = shanghaiDate(app.clock.now()).replace(/-/g, '');
        return {
          content: await exportDisagreements(at({ actor, locale }), query),
          fileName: `数据不一致清单-${day}.xlsx`,
        };
      },
    };
  },
  // the file read and checked before the import's transaction (a dry run writes nothing at all)
  (app) => ({
    importSourceRecords: ({ actor, query, file, locale, work }) =>
      checkSourceRecords(sourceRecordsContext(app, { actor, locale }), {
        file: file.content,
        source: query.source,
        asOf: query.asOf,
        work,
      }),
  }),
);
