/**
 * Bounds of reading an uploaded .xlsx, against zip bombs (issue 8 item 6: a 4.6 MB file whose sheet
 * inflates to 1.2 GB). They are counted while reading, from what is actually inflated and parsed,
 * never from the sizes a zip declares (those can lie), and reading stops at the first breach:
 * - checkZip (zip.ts) walks the entries as exceljs's unzipper will and counts the bytes each
 *   inflates to, and the entries, before any part is parsed;
 * - the SAX feeder (exceljs.ts) counts, in the steps of a read run `inBudget`, the rows and the
 *   cells of a row of the worksheet, the shared strings, and the bytes of any one XML node.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { ExcelError } from '../contract/import-errors.ts';
import { AppError } from '../http/app-error.ts';

export type SheetLimits = {
  /** The bytes all the entries of the zip may inflate to, together. */
  maxUncompressedBytes: number;
  /** Data rows of the sheet (the header row not counted). */
  maxRows: number;
  /** Cells of one row, and the highest column a cell may name. */
  maxColumns: number;
  /** Entries (parts) of the zip. */
  maxEntries: number;
};

const MB = 1024 * 1024;
export const defaultSheetLimits: SheetLimits = {
  maxUncompressedBytes: 500 * MB,
  maxRows: 100_000,
  maxColumns: 200,
  maxEntries: 1_000,
};

/**
 * Fixed bounds that follow from what a real workbook can hold: Excel keeps at most 32,767
 * characters in a cell (under 100 KB of UTF-8), so no XML text or tag needs a megabyte; a shared
 * string is a cell's text, so there are at most as many as 20 columns of every row.
 */
export const MAX_NODE_BYTES = 1 * MB;
export const SHARED_STRINGS_PER_ROW = 20;

export type SheetLimit = 'uncompressed' | 'entries' | 'rows' | 'columns' | 'node' | 'strings';

export class SheetFileError extends Error {
  constructor(
    readonly reason: 'not_xlsx' | 'headers' | 'too_large',
    readonly detail: {
      missing?: string[];
      found?: string[];
      /** Which bound a too large file broke, and the bound. */
      limit?: SheetLimit;
      max?: number;
    } = {},
  ) {
    super(
      reason === 'headers'
        ? `headers: ${detail.missing?.join(', ')}`
        : reason === 'too_large'
          ? `too large: ${detail.limit} over ${detail.max}`
          : 'not an xlsx file',
    );
    this.name = 'SheetFileError';
  }
}

export const tooLarge = (limit: SheetLimit, max: number) =>
  new SheetFileError('too_large', { limit, max });

/** What the feeder counts across the parts of one read (the rest it counts per part). */
export type SheetBudget = { limits: SheetLimits; bytes: number };

const current = new AsyncLocalStorage<SheetBudget>();

export const newBudget = (limits: SheetLimits): SheetBudget => ({ limits, bytes: 0 });

/**
 * Runs one step of a read (a `next()` of exceljs's iterators) counting against the budget. An
 * async generator resumes in the context of whoever calls `next()`, so every step is run here,
 * and what exceljs awaits inside it (the SAX feeder among them) sees the budget.
 */
export function inBudget<T>(budget: SheetBudget, step: () => T): T {
  return current.run(budget, step);
}

/** The budget of the read in progress, if any (exceljs used outside a read is not bounded). */
export const sheetBudget = (): SheetBudget | undefined => current.getStore();

const MiB = (n: number) => `${Math.round(n / MB)} MB`;
const count = (n: number) => n.toLocaleString('en-US');
const boundNames: Record<
  SheetLimit,
  { 'zh-CN': string; 'en-US': string; max: (n: number) => string }
> = {
  uncompressed: { 'zh-CN': '解压后的大小', 'en-US': 'the unzipped size', max: MiB },
  entries: { 'zh-CN': '压缩包内的文件数', 'en-US': 'the number of parts in the zip', max: count },
  rows: { 'zh-CN': '数据行数', 'en-US': 'the number of data rows', max: count },
  columns: { 'zh-CN': '一行的列数', 'en-US': 'the number of columns of a row', max: count },
  node: { 'zh-CN': '单个单元格或标签的大小', 'en-US': 'the size of one cell or tag', max: MiB },
  strings: { 'zh-CN': '不同文本的个数', 'en-US': 'the number of distinct texts', max: count },
};

/** The answer to a file over a bound: 413 excel.too_large naming the bound and its limit. */
export function tooLargeError(err: SheetFileError, field = 'file'): AppError {
  const limit = err.detail.limit ?? 'uncompressed';
  const { max, ...what } = boundNames[limit];
  return new AppError(ExcelError.too_large, {
    params: { what, max: max(err.detail.max ?? 0), limit },
    fields: [{ field, code: ExcelError.too_large }],
  });
}
