/**
 * The Excel side of the monthly roster import: the template, the streaming reader of an upload, the
 * error file offered back, plain list exports. I/O and cell normalisation only; what a value means
 * is the validation's business.
 */
import type { Stream } from 'node:stream';
import ExcelJS from '../../platform/excel/exceljs.ts';
import type { DataValidation, Fill } from 'exceljs';
import { streamingBook } from '../../platform/excel/export.ts';
import { rosterHeaders } from '../subjects/contract.ts';
import {
  headerKey,
  readSheet,
  type SheetColumn,
  type SheetLimits,
  type SheetRow,
} from '../../platform/excel/read.ts';
import type { ImportWork } from '../../platform/imports/progress.ts';

/** The template's header texts, in this order (a contract checked from outside: keep them). */
export const rosterColumns = [
  { key: 'name', header: rosterHeaders.name },
  { key: 'idNumber', header: rosterHeaders.idNumber },
  { key: 'kind', header: rosterHeaders.kind },
  { key: 'phone', header: rosterHeaders.phone },
  { key: 'communityCode', header: rosterHeaders.communityCode },
  { key: 'address', header: rosterHeaders.address },
  { key: 'categories', header: rosterHeaders.categories },
  { key: 'careLevel', header: rosterHeaders.careLevel },
  { key: 'consent', header: rosterHeaders.consent },
  { key: 'emergencyContact', header: rosterHeaders.emergencyContact },
  { key: 'emergencyPhone', header: rosterHeaders.emergencyPhone },
  // optional columns that may follow, recognised by header text in any order after the required ones
  { key: 'birthDate', header: '出生日期', optional: true },
  { key: 'sex', header: '性别', optional: true },
  { key: 'consentDate', header: '意愿确认日期', optional: true },
  { key: 'refusalReason', header: '不接受探访原因', optional: true },
  { key: 'livingSituation', header: '居住情况', optional: true },
  { key: 'healthNotes', header: '健康状况', optional: true },
  // written by the template after the required columns; older files without them still upload
  { key: 'householdKey', header: '户编号', optional: true, template: true },
  { key: 'relationToHead', header: '与户主关系', optional: true, template: true },
] as const;
export type RosterColumnKey = (typeof rosterColumns)[number]['key'];
export type RosterSheetRow = SheetRow<RosterColumnKey>;

/** The template's columns: the required ones, then the optional ones it offers. */
const templateColumns = rosterColumns.filter((c) => !('optional' in c) || 'template' in c);
const keyOfHeader = new Map<string, RosterColumnKey>(rosterColumns.map((c) => [c.header, c.key]));
const textColumns = new Set<string>(['idNumber', 'phone', 'communityCode', 'emergencyPhone']);
const dateColumns = new Set<string>(['birthDate', 'consentDate']);
const spec = {
  columns: rosterColumns as readonly SheetColumn<RosterColumnKey>[],
  dateKeys: dateColumns,
};

/** Reads an upload of the roster template (see readSheet). */
export const readRosterSheet = (
  input: NodeJS.ReadableStream | Buffer,
  limits?: SheetLimits,
  work?: ImportWork,
) => readSheet(input, spec, limits, work);

const listValidation = (formula: string, error: string): DataValidation => {
  const base = { type: 'list', allowBlank: true, showErrorMessage: true } as const;
  return { ...base, formulae: [formula], errorStyle: 'stop', errorTitle: '输入有误', error };
};

/** What 填写说明 says of each column. */
const notes = (elder: string[], child: string[]): Record<RosterColumnKey, string> => ({
  name: '服务对象姓名',
  idNumber: '18位居民身份证号（末位可为X）；请保持文本格式，勿改为数字，否则后几位会丢失',
  kind: '老年人 或 儿童（下拉选择）',
  phone: '本人或家庭联系电话：11位手机号，或带区号的固定电话',
  communityCode: '12位社区（村）区划代码（下拉选择；代码与名称对照见本页末尾）',
  address: '现居住地址',
  categories: `可填多个，用“、”分隔。老年人：${elder.join('、')}；儿童：${child.join('、')}`,
  careLevel: '特殊关爱、重点探访 或 普通巡访（下拉选择）',
  consent: '是否接受探访：是 或 否（下拉选择）',
  emergencyContact: '紧急联系人姓名',
  emergencyPhone: '紧急联系人电话：手机号，或带区号的固定电话',
  birthDate: '出生日期，如 1945-01-01',
  sex: '男 或 女',
  consentDate: '确认探访意愿的日期，如 2026-01-15',
  refusalReason: '接受探访意愿为“否”时填写原因',
  livingSituation: '居住情况，如 独居、与配偶同住',
  healthNotes: '健康状况简述',
  householdKey:
    '同住一户的成员填同一编号（本社区内自编，如 A001）；不填则每人单独成户。同户成员须在同一社区、同一住址',
  relationToHead: `与户主关系：${relationNames.join('、')}；同户中一人为“户主”`,
});

/** What 与户主关系 accepts, as the template says it. */
export const relationNames = [
  '户主',
  '配偶',
  '子女',
  '父母',
  '祖父母',
  '孙子女',
  '兄弟姐妹',
  '其他亲属',
  '其他',
] as const;

/**
 * Writes the downloadable template: sheet 名册 with the required headers (bold, frozen), the digit
 * columns formatted as text and drop-down lists on rows 2..5000; a hidden sheet 区划 of community
 * codes and names that the code list refers to; a sheet 填写说明 explaining each column.
 */
export async function writeRosterTemplate(
  out: NodeJS.WritableStream,
  options: {
    communities: { code: string; name: string }[];
    elderCategories: string[];
    childCategories: string[];
  },
): Promise<void> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('名册', { views: [{ state: 'frozen', ySplit: 1 }] });
  const widths: Record<string, number> = { idNumber: 22, address: 36, categories: 24 };
  sheet.columns = templateColumns.map(({ key, header }) => ({
    header,
    key,
    width: widths[key] ?? Math.max(12, header.length * 2 + 4),
    ...(textColumns.has(key) ? { style: { numFmt: '@' } } : {}),
  }));
  sheet.getRow(1).font = { bold: true };
  type Validations = { add(range: string, validation: DataValidation): void };
  const validations = (sheet as unknown as { dataValidations: Validations }).dataValidations;
  const add = (key: RosterColumnKey, formula: string, error: string) => {
    const letter = sheet.getColumn(key).letter;
    validations.add(`${letter}2:${letter}5000`, listValidation(formula, error));
  };
  for (const [key, list] of [
    ['kind', '老年人,儿童'],
    ['careLevel', '特殊关爱,重点探访,普通巡访'],
    ['consent', '是,否'],
  ] as const) {
    add(key, `"${list}"`, `请选择：${list.replaceAll(',', '、')}`);
  }
  const { communities } = options;
  const divisions = book.addWorksheet('区划', { state: 'hidden' });
  divisions.columns = [
    { header: '社区代码', key: 'code', width: 16, style: { numFmt: '@' } },
    { header: '社区名称', key: 'name', width: 30 },
  ];
  divisions.addRows(communities);
  if (communities.length > 0) {
    add('communityCode', `'区划'!$A$2:$A$${communities.length + 1}`, '请从下拉列表选择社区代码');
  }

  const guide = book.addWorksheet('填写说明');
  guide.columns = [{ width: 18 }, { width: 10 }, { width: 90 }];
  guide.addRow(['列名', '是否必填', '填写说明']).font = { bold: true };
  const note = notes(options.elderCategories, options.childCategories);
  for (const c of rosterColumns)
    guide.addRow([c.header, 'optional' in c ? '选填' : '必填', note[c.key]]);
  guide.addRow([]);
  guide.addRow([
    '说明',
    '',
    '前11列的列名和顺序须与模板一致；选填列可加在其后，列名与上表相同。第1行为列名，每行一人。',
  ]);
  // an example: a couple in one household (the rows of 名册 stay empty, so nothing is imported by mistake)
  guide.addRow([]);
  guide.addRow(['示例：同户两人']).font = { bold: true };
  guide.addRow(templateColumns.map((c) => c.header)).font = { bold: true };
  for (const example of templateExamples(communities[0]?.code ?? '210104002001'))
    guide.addRow(templateColumns.map((c) => example[c.key] ?? ''));
  if (communities.length > 0) {
    guide.addRow([]);
    guide.addRow(['社区代码', '社区名称']).font = { bold: true };
    for (const c of communities) guide.addRow([c.code, c.name]);
  }
  await book.xlsx.write(out as unknown as Stream);
}

/** Two people of one household, as the template's guide shows them (synthetic ID numbers). */
function templateExamples(community: string): Partial<Record<RosterColumnKey, string>>[] {
  const common = {
    kind: '老年人',
    communityCode: community,
    address: '沈阳市大东区示例路1号1-1-1',
    careLevel: '重点探访',
    consent: '是',
    emergencyContact: '王建国',
    emergencyPhone: '13900000000',
    householdKey: 'A001',
  };
  return [
    {
      ...common,
      name: '王福生',
      idNumber: '210104194001010015',
      phone: '13800000001',
      categories: '空巢、高龄',
      relationToHead: '户主',
    },
    {
      ...common,
      name: '李秀英',
      idNumber: '210104194202020025',
      phone: '13800000002',
      categories: '空巢',
      relationToHead: '配偶',
    },
  ];
}

const problemFill: Fill = {
  type: 'pattern',
  pattern: 'solid',
  fgColor: { argb: 'FFFFC7CE' },
};
const red = { argb: 'FFC00000' };

/**
 * The file offered back after a rejected upload: the uploaded columns and values, rows in row
 * order, then 错误说明 with each row's problems joined by '；'; a problem's cell is filled light red
 * where its column is among the headers. Once fixed it can be uploaded again (错误说明 is ignored).
 */
export async function writeRosterErrorFile(
  out: NodeJS.WritableStream,
  headers: string[],
  rows: { row: number; values: Partial<Record<RosterColumnKey, string>> }[],
  problems: Map<number, { field: RosterColumnKey | null; message: string }[]>,
): Promise<void> {
  const book = streamingBook(out);
  const sheet = book.addWorksheet('名册', { views: [{ state: 'frozen', ySplit: 1 }] });
  const keys = headers.map((h) => keyOfHeader.get(headerKey(h)));
  sheet.columns = [...keys, undefined].map((key, i) => ({
    width: i === keys.length ? 60 : key === 'idNumber' || key === 'address' ? 24 : 14,
    ...(key && textColumns.has(key) ? { style: { numFmt: '@' } } : {}),
  }));
  const head = sheet.addRow([...headers, '错误说明']);
  head.font = { bold: true };
  head.getCell(keys.length + 1).font = { bold: true, color: red };
  head.commit();
  for (const r of [...rows].sort((a, b) => a.row - b.row)) {
    const found = problems.get(r.row) ?? [];
    const messages = found.map((p) => p.message).join('；');
    const line = sheet.addRow([...keys.map((k) => (k ? (r.values[k] ?? '') : '')), messages]);
    keys.forEach((key, i) => {
      if (key && found.some((p) => p.field === key)) line.getCell(i + 1).fill = problemFill;
    });
    line.getCell(keys.length + 1).font = { color: red };
    line.commit();
  }
  await book.commit();
}
