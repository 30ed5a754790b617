import type { z } from 'zod';
import { audit } from '../../platform/audit/audit.ts';
import { divisionLevel } from '../../platform/contract/divisions.ts';
import { exportWatermark, toBuffer, writeListExport } from '../../platform/excel/export.ts';
import { divisionNames } from '../divisions/service.ts';
import { careLevelNames, type CareLevel } from '../subjects/contract.ts';
import { careLevelFloor, classificationRows } from '../subjects/service.ts';
import { careLevelReasonNames, type ClassificationReport } from './contract.ts';
import type { CareLevelsContext } from './context.ts';
import { currentRules, reasonText } from './queries.ts';
import { suggestCareLevel } from './rules.ts';

type Report = z.infer<typeof ClassificationReport>;
const REVIEW_MAX = 1000;
const rank: Record<CareLevel, number> = { special: 0, key: 1, regular: 2 };

const emptyTally = () => ({
  elder: { special: 0, key: 0, regular: 0 },
  child: { special: 0, key: 0, regular: 0 },
  total: 0,
});

/** The group a subject is counted in: the streets of a district, the communities of a street. */
function groupOf(code: string, within: string | null): string {
  const level = within ? divisionLevel(within) : 'province';
  if (['province', 'city', 'district'].includes(level)) return `${code.slice(0, 9)}000`;
  return code.slice(0, 12);
}

/**
 * The written feedback of the classification (V4) for the street and the district: how many
 * subjects of each kind each street or community has at each level, and who sits below what the
 * rules in force suggest.
 */
export async function classificationReport(
  { db, actor, now, today, locale }: CareLevelsContext,
  { divisionCode }: { divisionCode?: string | undefined },
): Promise<Report> {
  const within = divisionCode ?? actor.scope.divisionCode;
  const [subjects, { rules, effectiveFrom, isDefault }] = await Promise.all([
    classificationRows({ db, actor, today }, { divisionCode }),
    currentRules(db, today),
  ]);
  const groups = new Map<string, ReturnType<typeof emptyTally>>();
  const totals = emptyTally();
  const review: Report['review'] = [];
  let reviewTotal = 0;
  for (const s of subjects) {
    const key = groupOf(s.divisionCode, within);
    const tally = groups.get(key) ?? emptyTally();
    groups.set(key, tally);
    for (const t of [tally, totals]) {
      t[s.kind][s.careLevel] += 1;
      t.total += 1;
    }
    const suggestion = suggestCareLevel(rules, s, careLevelFloor(s.kind, s.categories));
    if (rank[suggestion.level] < rank[s.careLevel]) {
      reviewTotal += 1;
      if (review.length < REVIEW_MAX)
        review.push({
          subjectId: s.id,
          householdId: s.householdId,
          name: s.name,
          kind: s.kind,
          age: s.age,
          divisionCode: s.divisionCode,
          divisionName: null,
          careLevel: s.careLevel,
          suggestedLevel: suggestion.level,
          reason: reasonText(suggestion, locale),
          reasonCode: suggestion.reasonCode,
        });
    }
  }
  const names = await divisionNames(db, [
    ...groups.keys(),
    ...review.map((r) => r.divisionCode),
    ...(within ? [within] : []),
  ]);
  return {
    divisionCode: within,
    divisionName: within ? (names.get(within) ?? null) : null,
    generatedAt: now.toISOString(),
    rulesEffectiveFrom: effectiveFrom,
    rulesDefault: isDefault,
    rows: [...groups]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([code, t]) => ({ divisionCode: code, divisionName: names.get(code) ?? null, ...t })),
    totals,
    review: review.map((r) => ({ ...r, divisionName: names.get(r.divisionCode) ?? null })),
    reviewTotal,
  };
}

/** The report as rows of the Excel file: the table, then the subjects to review. */
export function reportLines(report: Report): { headers: string[]; rows: string[][] } {
  const levels: CareLevel[] = ['special', 'key', 'regular'];
  const name = (l: CareLevel) => careLevelNames[l]['zh-CN'];
  const headers = [
    '区划代码',
    '区划名称',
    ...levels.map((l) => `老年人·${name(l)}`),
    ...levels.map((l) => `儿童·${name(l)}`),
    '合计',
  ];
  const line = (code: string, label: string, t: Report['totals']) => [
    code,
    label,
    ...levels.map((l) => String(t.elder[l])),
    ...levels.map((l) => String(t.child[l])),
    String(t.total),
  ];
  const rows = [
    ...report.rows.map((r) => line(r.divisionCode, r.divisionName ?? '', r)),
    line('', '合计', report.totals),
  ];
  if (report.review.length > 0) {
    rows.push([], ['低于建议等级、请复核的对象', `共 ${report.reviewTotal} 人`]);
    rows.push(['社区', '姓名', '类型', '年龄', '现等级', '建议等级', '理由']);
    for (const r of report.review)
      rows.push([
        r.divisionName ?? r.divisionCode,
        r.name,
        r.kind === 'elder' ? '老年人' : '儿童',
        String(r.age),
        name(r.careLevel),
        name(r.suggestedLevel),
        (r.reasonCode ? careLevelReasonNames[r.reasonCode]['zh-CN'] : r.reason) ?? '',
      ]);
  }
  return { headers, rows };
}

/**
 * The feedback as an Excel file (its review list names people, its reasons in Chinese): the title,
 * the exporter's watermark, audited with its row count like every export.
 */
export async function exportClassification(
  c: CareLevelsContext,
  input: { divisionCode?: string | undefined },
): Promise<Buffer> {
  const { db, actor, now, today } = c;
  const report = await classificationReport({ ...c, locale: 'zh-CN' }, input);
  const { headers, rows } = reportLines(report);
  const title = `关爱等级分类情况反馈表 ${report.divisionName ?? ''} ${today}`;
  const mark = `${title}　${exportWatermark(actor.username, now)}`;
  const file = await toBuffer((out) => writeListExport(out, '分类反馈', headers, rows, mark));
  await audit(db, actor, {
    action: 'export',
    entity: 'classification',
    entityId: report.divisionCode ?? undefined,
    detail: { rows: rows.length, review: report.review.length },
  });
  return file;
}
