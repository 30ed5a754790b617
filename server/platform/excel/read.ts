/**
 * Reading an uploaded .xlsx as a stream, for every module's imports: the first sheet's required
 * headers checked in their order, optional columns recognised by their header text, every
 * non-empty row with its spreadsheet row number, cell values as the text a person sees.
 */
import { Readable, Transform } from 'node:stream';
import ExcelJS from './exceljs.ts';
import type { Row } from 'exceljs';
import {
  defaultSheetLimits,
  inBudget,
  newBudget,
  SheetFileError,
  type SheetBudget,
  type SheetLimits,
} from './limits.ts';
import { checkZip } from './zip.ts';
import { untrackedWork, type ImportWork } from '../imports/progress.ts';

export { SheetFileError, type SheetLimits } from './limits.ts';

/** A column of an import: its key, its header text, whether it may be missing. */
export type SheetColumn<K extends string> = { key: K; header: string; optional?: boolean };
export type SheetSpec<K extends string> = {
  /** The required columns first, in their order; the optional ones may follow in any order. */
  columns: readonly SheetColumn<K>[];
  /** Columns whose plain numbers are Excel serial dates. */
  dateKeys?: ReadonlySet<string>;
};
export type SheetRow<K extends string> = { row: number; values: Partial<Record<K, string>> };

export const headerKey = (text: string) => text.replace(/\s+/g, '');
const MAX_SERIAL = 2958465; // 9999-12-31

type SheetReader = AsyncIterable<Row> & { name?: string; iterator?: { destroy?(): void } };
/** A sheet left unread: the stream of its temporary file, when exceljs made one, is closed. */
const discard = (sheet: SheetReader) => sheet.iterator?.destroy?.();
/** exceljs's parse errors mean a broken file; system errors (a full disk …) stay what they are. */
const fileError = (error: unknown) =>
  error instanceof SheetFileError || (error as { code?: unknown } | null)?.code
    ? error
    : new SheetFileError('not_xlsx');

function* pieces(file: Buffer, size = 64 * 1024) {
  for (let at = 0; at < file.length; at += size) yield file.subarray(at, at + size);
}

/**
 * The upload as exceljs reads it, and a promise that fails when the upload fails or is no zip:
 * exceljs pipes its input without listening for errors and waits forever on an empty stream.
 */
function watched(input: NodeJS.ReadableStream | Buffer, budget: SheetBudget) {
  // a buffer in pieces: a part stored uncompressed would reach the XML parser in one piece
  const upload =
    input instanceof Readable
      ? input
      : Readable.from(Buffer.isBuffer(input) ? pieces(input) : input);
  // the steps waiting now, failed at once when the upload fails: not a race with one promise that
  // stays pending, which would keep every step's answer (each row) alive until the read ends
  const waiting = new Set<(error: unknown) => void>();
  let failure: { error: unknown } | null = null;
  const fail = (error: unknown) => {
    failure ??= { error };
    for (const reject of waiting) reject(error);
    waiting.clear();
  };
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
      if (held === 'other') fail(new SheetFileError('not_xlsx')); // the rest is drained
      done(null, held === 'zip' ? start : undefined);
    },
    flush(done) {
      if (Buffer.isBuffer(held)) fail(new SheetFileError('not_xlsx'));
      done();
    },
  });
  upload.once('error', fail);
  upload.pipe(source);
  const next = <T>(it: AsyncIterator<T>) =>
    new Promise<IteratorResult<T>>((resolve, reject) => {
      if (failure) return reject(failure.error);
      waiting.add(reject);
      const settle = () => waiting.delete(reject);
      inBudget(budget, () => it.next()).then(
        (r) => {
          settle();
          resolve(r);
        },
        (error: unknown) => {
          settle();
          reject(fileError(error));
        },
      );
    });
  return { upload, source, next };
}

/**
 * Reads the first worksheet (in tab order) of an uploaded .xlsx as a stream: every non-empty data
 * row with its spreadsheet row number (the header is row 1). Throws SheetFileError for what is not
 * an xlsx, when the first row lacks the required headers in their order, or ('too_large') at the
 * first breach of the limits (limits.ts: inflated bytes, zip entries, rows, cells of a row), counted
 * while reading; an error of the upload stream itself is thrown as it is. When reading stops early (an error, the caller leaving the
 * loop) the rest is still drained: the upload is consumed, exceljs removes its temporary files.
 * Reading takes turns with other requests and reports the rows read to `work` (progress.ts), with
 * an estimate of the rows there are from the bytes parsed of those the zip inflates to.
 */
export async function* readSheet<K extends string>(
  input: NodeJS.ReadableStream | Buffer,
  spec: SheetSpec<K>,
  limits: SheetLimits = defaultSheetLimits,
  work: ImportWork = untrackedWork(),
): AsyncGenerator<SheetRow<K>> {
  const inflated = Buffer.isBuffer(input) ? await checkZip(input, limits) : null;
  const budget = newBudget(limits);
  const progress = (rows: number) => {
    const estimate =
      inflated && budget.bytes > 0 ? Math.round((rows * inflated) / budget.bytes) : null;
    return work.step('reading', rows, estimate === null ? null : Math.max(rows, estimate));
  };
  const file = Buffer.isBuffer(input) ? await workbookFirst(input) : input;
  yield* readOnce(file, spec, budget, progress);
}

/** The parts exceljs's streaming reader must have read before any worksheet, in that order. */
const leadingParts = [
  '[Content_Types].xml',
  '_rels/.rels',
  'xl/_rels/workbook.xml.rels',
  'xl/workbook.xml',
  'xl/sharedStrings.xml',
  'xl/styles.xml',
];

/**
 * An upload with the workbook's parts moved before the worksheets. exceljs's streaming reader reads
 * the zip's entries in stored order and needs xl/workbook.xml (and the shared strings) before a
 * worksheet: otherwise it parks the sheet in a temporary file and, depending on timing, fails with
 * "reading 'sheets'" (exceljs #3064, open). Files exceljs writes — the template, the error files —
 * store workbook.xml last; Excel and WPS store it first, and those files pass unchanged. The
 * entries are moved as they are stored, still compressed (reorderedZip), so nothing is inflated
 * here and the sheet is streamed in small pieces afterwards. What is no zip, or no workbook, is
 * left for the reader to refuse.
 */
export async function workbookFirst(upload: Buffer): Promise<Buffer> {
  if (upload.subarray(0, 4).toString('latin1') !== 'PK\x03\x04') return upload;
  const entries = centralDirectory(upload);
  if (!entries) return upload;
  const names = entries.map((e) => e.name);
  const firstSheet = names.findIndex((name) => name.startsWith('xl/worksheets/'));
  const late = leadingParts.some((part) => names.indexOf(part) > firstSheet);
  if (firstSheet < 0 || !late) return upload;
  const rank = (name: string) => {
    const i = leadingParts.indexOf(name);
    return i < 0 ? leadingParts.length : i;
  };
  return reorderedZip(upload, entries, (a, b) => rank(a.name) - rank(b.name));
}

type CentralEntry = { name: string; offset: number; record: Buffer };
const CENTRAL = 0x02014b50;
const END = 0x06054b50;

/**
 * The central directory's entries in stored order (of their local records), or null when the zip
 * is not one this can move as it is (no end record, zip64, entries overlapping or out of bounds).
 */
function centralDirectory(file: Buffer): (CentralEntry & { end: number })[] | null {
  let end = -1;
  for (let i = file.length - 22; i >= Math.max(0, file.length - 22 - 65_535); i--)
    if (file.readUInt32LE(i) === END) {
      end = i;
      break;
    }
  if (end < 0) return null;
  const count = file.readUInt16LE(end + 10);
  const size = file.readUInt32LE(end + 12);
  const start = file.readUInt32LE(end + 16);
  if (start === 0xffffffff || count === 0xffff || start + size > end) return null;
  const entries: CentralEntry[] = [];
  for (let at = start, i = 0; i < count; i++) {
    if (at + 46 > end || file.readUInt32LE(at) !== CENTRAL) return null;
    const length =
      46 + file.readUInt16LE(at + 28) + file.readUInt16LE(at + 30) + file.readUInt16LE(at + 32);
    const name = file.toString('utf8', at + 46, at + 46 + file.readUInt16LE(at + 28));
    entries.push({
      name,
      offset: file.readUInt32LE(at + 42),
      record: file.subarray(at, at + length),
    });
    at += length;
  }
  entries.sort((a, b) => a.offset - b.offset);
  const ends = entries.map((e, i) => entries[i + 1]?.offset ?? start);
  if (entries.some((e, i) => e.offset >= (ends[i] ?? 0))) return null;
  return entries.map((e, i) => ({ ...e, end: ends[i] ?? start }));
}

/** The zip with its local records (header, data, descriptor) in the order given, bytes unchanged. */
function reorderedZip(
  file: Buffer,
  entries: (CentralEntry & { end: number })[],
  order: (a: CentralEntry, b: CentralEntry) => number,
): Buffer {
  const sorted = [...entries].sort(order);
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of sorted) {
    parts.push(file.subarray(e.offset, e.end));
    const record = Buffer.from(e.record);
    record.writeUInt32LE(offset, 42);
    central.push(record);
    offset += e.end - e.offset;
  }
  const size = central.reduce((n, c) => n + c.length, 0);
  const endRecord = Buffer.alloc(22);
  endRecord.writeUInt32LE(END, 0);
  endRecord.writeUInt16LE(sorted.length, 8);
  endRecord.writeUInt16LE(sorted.length, 10);
  endRecord.writeUInt32LE(size, 12);
  endRecord.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, ...central, endRecord]);
}

/** Called after each row of the sheet read (its count of data rows): may give a turn. */
type RowsRead = (rows: number) => Promise<void> | void;

async function* readOnce<K extends string>(
  input: NodeJS.ReadableStream | Buffer,
  spec: SheetSpec<K>,
  budget: SheetBudget,
  progress: RowsRead,
): AsyncGenerator<SheetRow<K>> {
  const { upload, source, next } = watched(input, budget);
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
        yield* rowsOf(s.value, next, spec, progress);
      }
    }
    finished = true;
    if (!read) throw new SheetFileError('not_xlsx');
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

async function* rowsOf<K extends string>(
  sheet: SheetReader,
  next: <T>(it: AsyncIterator<T>) => Promise<IteratorResult<T>>,
  spec: SheetSpec<K>,
  progress: RowsRead,
): AsyncGenerator<SheetRow<K>> {
  const rows = sheet[Symbol.asyncIterator]();
  let columns: (K | undefined)[] | undefined;
  try {
    for (let r = await next(rows); !r.done; r = await next(rows)) {
      const cells = r.value.values as unknown[];
      if (!columns) {
        columns = headerColumns(r.value.number === 1 ? cells : [], spec);
        continue;
      }
      const values: Partial<Record<K, string>> = {};
      let any = false;
      columns.forEach((key, col) => {
        if (!key || values[key] !== undefined) return;
        const raw = cells[col]; // a number in a date column is a serial date without a date format
        const date = spec.dateKeys?.has(key) && typeof raw === 'number' && parseDateText(raw);
        const text = date || cellText(raw);
        if (text) [values[key], any] = [text, true];
      });
      if (any) yield { row: r.value.number, values };
      const turn = progress(r.value.number - 1);
      if (turn) await turn;
    }
  } finally {
    void rows.return?.().catch(() => undefined); // closes a temporary file's stream
  }
  if (!columns) headerColumns([], spec);
}

/** The key of each column (at exceljs's 1-based index), or a SheetFileError. */
function headerColumns<K extends string>(cells: unknown[], spec: SheetSpec<K>): (K | undefined)[] {
  const required = spec.columns.filter((c) => !c.optional);
  const keyOfHeader = new Map<string, K>(spec.columns.map((c) => [c.header, c.key]));
  const found = Array.from(cells.slice(1), (v) => cellText(v));
  while (found.length > 0 && found[found.length - 1] === '') found.pop();
  const missing = required.filter((c, i) => headerKey(found[i] ?? '') !== c.header);
  if (missing.length > 0) {
    throw new SheetFileError('headers', { missing: missing.map((c) => c.header), found });
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
