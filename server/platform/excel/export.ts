import { PassThrough, type Stream } from 'node:stream';
import ExcelJS from './exceljs.ts';
import { shanghaiDateTime } from '../calendar/dates.ts';

/** Excel files every module writes: list exports (streamed) and whole files as a Buffer. */

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A streaming workbook writer into `out` (rows are committed as they are added). */
export const streamingBook = (out: NodeJS.WritableStream) =>
  new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out as unknown as Stream, useStyles: true });

/** What a writer writes to a stream, as one Buffer (files of a few MB, answered whole). */
export async function toBuffer(write: (out: PassThrough) => Promise<void>): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  await write(out);
  out.end();
  await done;
  return Buffer.concat(chunks);
}

/** Excel's header and footer codes: `&` starts a code, so a literal one is doubled. */
const headerText = (text: string) => text.replaceAll('&', '&&');

/**
 * A plain export of a list, written as a stream: one sheet whose row 1 holds the header texts
 * (bold, frozen) and rows of strings below, so that a file exported in an import's columns uploads
 * back as it is. The watermark, when given, is where an upload ignores it: the printed page's
 * header and footer (with the page number) and the file's properties (subject, description).
 */
export async function writeListExport(
  out: NodeJS.WritableStream,
  sheetName: string,
  headers: string[],
  rows: Iterable<string[]> | AsyncIterable<string[]>,
  watermark?: string,
): Promise<void> {
  const book = streamingBook(out);
  if (watermark) {
    Object.assign(book, { creator: 'Guanai', subject: watermark, description: watermark });
  }
  // Excel's rules for a sheet name: at most 31 characters, none of []:*?/\
  const name =
    sheetName
      .replace(/[[\]:*?/\\]/g, ' ')
      .slice(0, 31)
      .trim() || 'Sheet1';
  const sheet = book.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: 1 }],
    ...(watermark
      ? {
          headerFooter: {
            oddHeader: `&C&8${headerText(watermark)}`,
            oddFooter: `&L&8${headerText(watermark)}&R&8&P / &N`,
          },
        }
      : {}),
  });
  sheet.columns = headers.map((h) => ({ width: Math.min(40, Math.max(10, h.length * 2 + 4)) }));
  const head = sheet.addRow(headers);
  head.font = { bold: true };
  head.commit();
  for await (const row of rows) sheet.addRow(row).commit();
  await book.commit();
}

/** The watermark of a list export: who exported it and when, for work use only. */
export function exportWatermark(username: string, at: Date): string {
  return `导出人 ${username} ${shanghaiDateTime(at)} 仅限工作使用，不得外传`;
}
