import type { z } from 'zod';
import { audit } from '../../../platform/audit/audit.ts';
import { shanghaiDateTime } from '../../../platform/calendar/dates.ts';
import { exportWatermark, toBuffer, writeListExport } from '../../../platform/excel/export.ts';
import {
  disagreementStateNames,
  sourceFields,
  sourceNames,
  sources,
  type ExportDisagreementsQuery,
} from '../contract.ts';
import { disagreementRows } from '../disagreements.ts';
import type { SourceRecordsContext } from '../context.ts';

const zh = 'zh-CN' as const;
/** A value in the file's words: the sex in Chinese, a birth date (sent as the age) as 年龄. */
const cell = (field: string, value: string | null) =>
  value === null
    ? ''
    : field === 'sex'
      ? (({ male: '男', female: '女' } as Record<string, string>)[value] ?? value)
      : field === 'birthDate'
        ? `${value}岁`
        : value;

/**
 * The list as filtered, masked as the list is, one row a disagreement (the roster's value, then one
 * column per department), watermarked and audited with its row count.
 */
export async function exportDisagreements(
  c: SourceRecordsContext,
  q: z.infer<typeof ExportDisagreementsQuery>,
): Promise<Buffer> {
  const { actor } = c;
  const headers = [
    '姓名',
    '所属区划',
    '区划代码',
    '项目',
    '名册',
    ...sources.map((s) => sourceNames[s][zh]),
    '状态',
    '处理结果',
    '处理人',
    '处理时间',
    '备注',
  ];
  const header = (field: string) => sourceFields.find((f) => f.key === field)?.header ?? field;
  let n = 0;
  async function* lines() {
    for await (const r of disagreementRows(c, q)) {
      n++;
      yield [
        r.subjectName,
        r.divisionName ?? '',
        r.divisionCode,
        header(r.field),
        cell(r.field, r.roster),
        ...sources.map((s) => {
          const v = r.values.find((x) => x.source === s);
          return v ? `${cell(r.field, v.value)}（${v.asOf}）` : '';
        }),
        disagreementStateNames[r.state][zh],
        r.resolution === 'roster'
          ? '以名册为准'
          : r.resolution
            ? `以${sourceNames[r.resolution as keyof typeof sourceNames]?.[zh] ?? r.resolution}为准`
            : '',
        r.resolvedByName ?? '',
        r.resolvedAt ? shanghaiDateTime(new Date(r.resolvedAt)) : '',
        r.note ?? '',
      ];
    }
  }
  const file = await toBuffer((out) =>
    writeListExport(
      out,
      '数据不一致清单',
      headers,
      lines(),
      exportWatermark(actor.username, c.now),
    ),
  );
  await audit(c.db, actor, {
    action: 'export',
    entity: 'source_disagreement',
    detail: { rows: n, unmasked: false },
  });
  return file;
}
