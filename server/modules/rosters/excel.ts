/**
 * The Excel side of the monthly roster import: the template, the streaming reader of an upload, the
 * error file offered back, plain list exports. I/O and cell normalisation only; what a value means
 * is the validation's business.
 */
import { Readable, Transform, type Stream } from 'node:stream';
import ExcelJS from 'exceljs';
import { streamingBook } from '../../platform/excel/export.ts';

/** The template's header texts, in this order (a contract checked from outside: keep them). */
export const rosterColumns = [
  { key: 'name', header: '姓名' },
  { key: 'idNumber', header: '身份证号' },
  { key: 'kind', header: '人员类型' },
  { key: 'phone', header: '联系电话' },
  { key: 'communityCode', header: '所属社区代码' },
  { key: 'address', header: '住址' },
  { key: 'categories', header: '类别' },
  { key: 'careLevel', header: '关爱等级' },
  { key: 'consent', header: '接受探访意愿' },
  { key: 'emergencyContact', header: '紧急联系人' },
  { key: 'emergencyPhone', header: '紧急联系人电话' },
  // optional columns that may follow, recognised by header text in any order after the required ones
  { key: 'birthDate', header: '出生日期', optional: true },
  { key: 'sex', header: '性别', optional: true },
  { key: 'consentDate', header: '意愿确认日期', optional: true },
  { key: 'refusalReason', header: '不接受探访原因', optional: true },
  { key: 'livingSituation', header: '居住情况', optional: true },
  { key: 'healthNotes', header: '健康状况', optional: true },
] as const;
export type RosterColumnKey = (typeof rosterColumns)[number]['key'];
export type RosterSheetRow = { row: number; values: Partial<Record<RosterColumnKey, string>> };

const required = rosterColumns.filter((c) => !('optional' in c));
const keyOfHeader = new Map<string, RosterColumnKey>(rosterColumns.map((c) => [c.header, c.key]));
const headerKey = (text: string) => text.replace(/\s+/g, '');
const textColumns = new Set<string>(['idNumber', 'phone', 'communityCode', 'emergencyPhone']);
const dateColumns = new Set<string>(['birthDate', 'consentDate']);
const MAX_SERIAL = 2958465; // 9999-12-31

export class RosterFileError extends Error {
  constructor(
    readonly reason: 'not_xlsx' | 'headers',
    readonly detail: { missing?: string[]; found?: string[] } = {},
  ) {
    super(reason === 'headers' ? `headers: ${detail.missing?.join(', ')}` : 'not an xlsx file');
    this.name = 'RosterFileError';
  }
}

type SheetReader = AsyncIterable<ExcelJS.Row> & { name?: string; iterator?: { destroy?(): void } };
/** A sheet left unread: the stream of its temporary file, when exceljs made one, is closed. */
const discard = (sheet: SheetReader) => sheet.iterator?.destroy?.();
/** exceljs's parse errors mean a broken file; system errors (a full disk …) stay what they are. */
const fileError = (error: unknown) =>
  error instanceof RosterFileError || (error as { code?: unknown } | null)?.code
    ? error
    : new RosterFileError('not_xlsx');

/**
 * The upload as exceljs reads it, and a promise that fails when the upload fails or is no zip:
 * exceljs pipes its input without listening for errors and waits forever on an empty stream.
 */
function watched(input: NodeJS.ReadableStream | Buffer) {
  const upload =
    input instanceof Readable ? input : Readable.from(Buffer.isBuffer(input) ? [input] : input);
  let fail: (error: unknown) => void = () => undefined;
  const failed = new Promise<never>((_, reject) => (fail = reject));
  failed.catch(() => undefined);
  let held: Buffer | 'zip' | 'other' = Buffer.alloc(0); // the first bytes, until they tell
  const source = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (!Buffer.isBuffer(held)) return done(null, held === 'zip' ? chunk : undefined);
      const start: Buffer = Buffer.concat([held, chunk]);
      if (start.length < 4) {
        held = start;
        return done();
      }
      held = start.subarray(0, 4).toString('latin1') === 'PK\x03\x04' ? 'zip' : 'other';
      if (held === 'other') fail(new RosterFileError('not_xlsx')); // the rest is drained
      done(null, held === 'zip' ? start : undefined);
    },
    flush(done) {
      if (Buffer.isBuffer(held)) fail(new RosterFileError('not_xlsx'));
      done();
    },
  });
  upload.once('error', fail);
  upload.pipe(source);
  const next = <T>(it: AsyncIterator<T>) =>
    Promise.race([it.next().catch((error: unknown) => Promise.reject(fileError(error))), failed]);
  return { upload, source, next };
}

/**
 * Reads the first worksheet (in tab order) of an uploaded .xlsx as a stream: every non-empty data
 * row with its spreadsheet row number (the header is row 1). Throws RosterFileError for what is not
 * an xlsx, or when the first row lacks the required headers in their order; an error of the upload
 * stream itself is thrown as it is. When reading stops early (an error, the caller leaving the
 * loop) the rest is still drained: the upload is consumed, exceljs removes its temporary files.
 */
export async function* readRosterSheet(
  input: NodeJS.ReadableStream | Buffer,
): AsyncGenerator<RosterSheetRow> {
  const { upload, source, next } = watched(input);
  // cached styles give the number formats that tell dates from numbers
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(source, { styles: 'cache' });
  const book = reader as unknown as { model?: { sheets?: { name: string }[] } };
  const sheets = reader[Symbol.asyncIterator]() as AsyncIterator<SheetReader>;
  let read = false;
  let finished = false;
  try {
    for (let s = await next(sheets); !s.done; s = await next(sheets)) {
      const first = book.model?.sheets?.[0]?.name; // known when the workbook part came first
      if (read || (first !== undefined && s.value.name !== first)) discard(s.value);
      else {
        read = true;
        yield* rowsOf(s.value, next);
      }
    }
    finished = true;
    if (!read) throw new RosterFileError('not_xlsx');
  } finally {
    if (!finished) {
      try {
        for (let s = await next(sheets); !s.done; s = await next(sheets)) discard(s.value);
      } catch {
        upload.unpipe();
        upload.resume();
      }
    }
  }
}

async function* rowsOf(
  sheet: SheetReader,
  next: <T>(it: AsyncIterator<T>) => Promise<IteratorResult<T>>,
): AsyncGenerator<RosterSheetRow> {
  const rows = sheet[Symbol.asyncIterator]();
  let columns: (RosterColumnKey | undefined)[] | undefined;
  try {
    for (let r = await next(rows); !r.done; r = await next(rows)) {
      const cells = r.value.values as unknown[];
      if (!columns) {
        columns = headerColumns(r.value.number === 1 ? cells : []);
        continue;
      }
      const values: Partial<Record<RosterColumnKey, string>> = {};
      let any = false;
      columns.forEach((key, col) => {
        if (!key || values[key] !== undefined) return;
        const raw = cells[col]; // a number in a date column is a serial date without a date format
        const date = dateColumns.has(key) && typeof raw === 'number' && parseDateText(raw);
        const text = date || cellText(raw);
        if (text) [values[key], any] = [text, true];
      });
      if (any) yield { row: r.value.number, values };
    }
  } finally {
    void rows.return?.().catch(() => undefined); // closes a temporary file's stream
  }
  if (!columns) headerColumns([]);
}

/** The key of each column (at exceljs's 1-based index), or a RosterFileError. */
function headerColumns(cells: unknown[]): (RosterColumnKey | undefined)[] {
  const found = Array.from(cells.slice(1), (v) => cellText(v));
  while (found.length > 0 && found[found.length - 1] === '') found.pop();
  const missing = required.filter((c, i) => headerKey(found[i] ?? '') !== c.header);
  if (missing.length > 0) {
    throw new RosterFileError('headers', { missing: missing.map((c) => c.header), found });
  }
  return [
    undefined,
    ...found.map((text, i) => required[i]?.key ?? keyOfHeader.get(headerKey(text))),
  ];
}

function plainNumber(n: number): string {
  if (!Number.isFinite(n)) return '';
  if (Number.isInteger(n)) return Math.abs(n) < 1e21 ? String(n) : BigInt(n).toString();
  const shown = Number(n.toPrecision(15)); // Excel's 15 digits, without the binary noise
  return String(shown).includes('e') ? shown.toFixed(20).replace(/\.?0+$/, '') : String(shown);
}

const utcDate = (d: Date) => (Number.isNaN(d.getTime()) ? '' : d.toISOString().slice(0, 10));

/**
 * Cell text as the import sees it: NFKC (full-width digits, letters and spaces to half-width), no
 * zero-width characters, trimmed, inner whitespace runs to one space; numbers as plain digits;
 * rich text, hyperlinks and formula results as their text; dates as YYYY-MM-DD. exceljs gives
 * Excel's wall-clock date as that instant in UTC, so the UTC calendar date is the one Excel shows.
 */
export function cellText(value: unknown): string {
  if (typeof value === 'string') {
    const text = value.normalize('NFKC').replace(/[\u200b-\u200d\u2060\ufeff]/g, '');
    return text.trim().replace(/\s+/g, ' ');
  }
  if (typeof value === 'number') return plainNumber(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return utcDate(value);
  if (typeof value !== 'object' || value === null) return '';
  const v = value as { richText?: { text?: unknown }[]; result?: unknown };
  if (Array.isArray(v.richText)) return cellText(v.richText.map((r) => cellText(r.text)).join(''));
  if ('formula' in v || 'sharedFormula' in v || 'result' in v) return cellText(v.result);
  if ('text' in v) return cellText(v.text);
  return 'error' in v ? cellText(v.error) : '';
}

function realDate(y: number, m: number, d: number): string | null {
  const at = new Date(Date.UTC(y, m - 1, d));
  const real = at.getUTCFullYear() === y && at.getUTCMonth() === m - 1 && at.getUTCDate() === d;
  return real && y >= 1000 ? utcDate(at) : null;
}

const DATE_TEXT = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T][\d:.]+)?$/;

/**
 * Dates as people type them: 1945-01-01, 1945/1/1, 1945.1.1, 19450101, 1945年1月1日, an Excel
 * serial number (16438 → 1945-01-01; the 1900 system, its phantom 1900-02-29 refused; text of four
 * bare digits is a year, not a serial), a Date (its UTC calendar date, as in cellText). Answers
 * YYYY-MM-DD, or null when not a real calendar date.
 */
export function parseDateText(text: string | number | Date): string | null {
  if (text instanceof Date) return utcDate(text) || null;
  const t = cellText(text);
  const m = DATE_TEXT.exec(t) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (m) return realDate(Number(m[1]), Number(m[2]), Number(m[3]));
  // a serial; as text, four bare digits are a year rather than a day of 1902..1927
  if (!/^\d{1,7}(?:\.\d+)?$/.test(t) || (typeof text === 'string' && /^\d{4}$/.test(t)))
    return null;
  const serial = Math.floor(Number(t));
  if (serial < 1 || serial > MAX_SERIAL || serial === 60) return null;
  return utcDate(new Date(Date.UTC(1899, 11, serial < 60 ? 31 : 30) + serial * 86_400_000));
}

/** Splits a 类别 cell: separators 、 ， , ； ; / and whitespace; empty parts dropped. */
export function splitList(text: string): string[] {
  return text
    .split(/[、，,；;/／\s]+/)
    .map((part) => cellText(part))
    .filter((part) => part !== '');
}

const listValidation = (formula: string, error: string): ExcelJS.DataValidation => {
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
});

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
  sheet.columns = required.map(({ key, header }) => ({
    header,
    key,
    width: widths[key] ?? Math.max(12, header.length * 2 + 4),
    ...(textColumns.has(key) ? { style: { numFmt: '@' } } : {}),
  }));
  sheet.getRow(1).font = { bold: true };
  type Validations = { add(range: string, validation: ExcelJS.DataValidation): void };
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
  if (communities.length > 0) {
    guide.addRow([]);
    guide.addRow(['社区代码', '社区名称']).font = { bold: true };
    for (const c of communities) guide.addRow([c.code, c.name]);
  }
  await book.xlsx.write(out as unknown as Stream);
}

const problemFill: ExcelJS.Fill = {
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
