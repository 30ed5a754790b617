import { count, desc } from 'drizzle-orm';
import { audit } from '../../../platform/audit/audit.ts';
import { shanghaiDateTime } from '../../../platform/calendar/dates.ts';
import { exportWatermark, toBuffer, writeListExport } from '../../../platform/excel/export.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import { subjectKindNames } from '../../subjects/contract.ts';
import { findingNames, visitKindNames, visitOutcomeNames, VisitError } from '../contract.ts';
import type { VisitsContext } from '../context.ts';
import { visits } from '../tables.ts';
import { ledgerWhere, toViews, type LedgerFilter } from './visits.ts';

/** The most visits one export holds. */
const EXPORT_MAX = 100_000;
const PAGE = 2000;

/**
 * POST /api/visits/export: the ledger as an Excel file in the caller's language, with the list's
 * filters; masked (names and places, no number that identifies), watermarked with who and when,
 * and audited with its row count.
 */
export async function exportVisits(c: VisitsContext, filter: LedgerFilter): Promise<Buffer> {
  const where = await ledgerWhere(c, filter);
  const [{ n } = { n: 0 }] = await c.db.select({ n: count() }).from(visits).where(where);
  if (n > EXPORT_MAX)
    throw new AppError(VisitError.export_too_large, { params: { max: EXPORT_MAX } });
  const l = c.locale;
  const names = (codes: readonly string[] | undefined) =>
    (codes ?? []).map((code) => findingNames[code]?.[l] ?? code).join('、');
  const zh = l === 'zh-CN';
  const headers = zh
    ? [
        '开始时间',
        '结束时间',
        '时长（分钟）',
        '服务对象',
        '类别',
        '所属区划',
        '区划代码',
        '巡访员',
        '巡访方式',
        '巡访结果',
        '计入应访',
        '服务需求',
        '安全隐患',
        '可能符合的救助政策',
        '政策宣传',
        '满意度',
        '备注',
      ]
    : [
        'Start',
        'End',
        'Minutes',
        'Subject',
        'Kind',
        'Division',
        'Division code',
        'Visitor',
        'Visit kind',
        'Outcome',
        'Counts',
        'Service needs',
        'Hazards',
        'Possible benefits',
        'Policy material',
        'Satisfaction',
        'Note',
      ];
  async function* lines() {
    for (let offset = 0; offset < n; offset += PAGE) {
      const found = await c.db
        .select()
        .from(visits)
        .where(where)
        .orderBy(desc(visits.startedAt), desc(visits.id))
        .limit(PAGE)
        .offset(offset);
      if (found.length === 0) return;
      for (const v of await toViews(c, found))
        yield [
          shanghaiDateTime(new Date(v.startedAt)),
          shanghaiDateTime(new Date(v.endedAt)),
          String(v.durationMinutes),
          v.subjectName,
          subjectKindNames[v.subjectKind][l],
          v.divisionName ?? '',
          v.divisionCode,
          v.visitorName ?? '',
          visitKindNames[v.kind][l],
          visitOutcomeNames[v.outcome][l],
          v.counts ? (zh ? '是' : 'yes') : zh ? '否' : 'no',
          names(v.findings?.needs),
          names(v.findings?.hazards),
          names(v.findings?.benefits),
          names(v.outreach),
          v.survey ? names([v.survey.satisfaction]) : '',
          v.note ?? '',
        ];
    }
  }
  const content = await toBuffer((out) =>
    writeListExport(
      out,
      zh ? '巡访台账' : 'Visit ledger',
      headers,
      lines(),
      exportWatermark(c.actor.username, c.now),
    ),
  );
  await audit(c.db, c.actor, {
    action: 'visit.export',
    entity: 'visit',
    detail: { rows: n, ...filter },
  });
  return content;
}
