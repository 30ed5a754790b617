import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import ExcelJS from '../../platform/excel/exceljs.ts';
import type { Cell, DataValidation, FillPattern, Workbook, Worksheet } from 'exceljs';
import { describe, expect, it, vi } from 'vitest';
import {
  readRosterSheet,
  rosterColumns,
  writeRosterErrorFile,
  writeRosterTemplate,
  type RosterSheetRow,
} from './excel.ts';
import {
  cellText,
  parseDateText,
  SheetFileError as RosterFileError,
  splitList,
} from '../../platform/excel/read.ts';

const requiredHeaders = rosterColumns.filter((c) => !('optional' in c)).map((c) => c.header);

/** Runs a writer into memory. */
async function written(write: (out: NodeJS.WritableStream) => Promise<void>): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  await write(out);
  return Buffer.concat(chunks);
}

async function readAll(input: NodeJS.ReadableStream | Buffer): Promise<RosterSheetRow[]> {
  const rows: RosterSheetRow[] = [];
  for await (const row of readRosterSheet(input)) rows.push(row);
  return rows;
}

async function failure(input: NodeJS.ReadableStream | Buffer): Promise<RosterFileError> {
  try {
    await readAll(input);
  } catch (error) {
    if (error instanceof RosterFileError) return error;
    throw error;
  }
  throw new Error('read without a RosterFileError');
}

async function workbook(rows: unknown[][], edit?: (sheet: Worksheet) => void) {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('名册');
  for (const row of rows) sheet.addRow(row);
  edit?.(sheet);
  return Buffer.from(await book.xlsx.writeBuffer());
}

async function load(buffer: Buffer): Promise<Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(buffer as unknown as ArrayBuffer);
  return book;
}

const validationOf = (sheet: Worksheet, address: string) =>
  (sheet.getCell(address) as Cell & { dataValidation?: DataValidation }).dataValidation;

const person = [
  '张三',
  '110101194501011234',
  '老年人',
  '13800000000',
  '210102001001',
  '大东区某街1号',
  '独居、高龄',
  '重点探访',
  '是',
  '张小三',
  '13900000000',
];

describe('the template', () => {
  const communities = [
    { code: '210102001001', name: '一社区' },
    { code: '210102001002', name: '二社区' },
  ];
  const template = () =>
    written((out) =>
      writeRosterTemplate(out, {
        communities,
        elderCategories: ['独居', '空巢'],
        childCategories: ['孤儿', '留守'],
      }),
    );

  it('reads back through readRosterSheet: headers accepted, no data rows', async () => {
    expect(await readAll(await template())).toEqual([]);
  });

  it('has the required headers, bold and frozen, and the number columns formatted as text', async () => {
    const book = await load(await template());
    expect(book.worksheets.map((s) => s.name)).toEqual(['名册', '区划', '填写说明']);
    const sheet = book.getWorksheet('名册') as Worksheet;
    // the required headers, then the household's two optional columns (older files lack them)
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([
      ...requiredHeaders,
      '户编号',
      '与户主关系',
    ]);
    expect(sheet.rowCount).toBe(1);
    expect(sheet.getCell('A1').font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    for (const letter of ['B', 'D', 'E', 'K']) expect(sheet.getColumn(letter).numFmt).toBe('@');
    expect(sheet.getColumn('A').numFmt).toBeUndefined();
  });

  it('offers drop-down lists on rows 2..5000 of kind, care level, consent and community', async () => {
    const sheet = (await load(await template())).getWorksheet('名册') as Worksheet;
    const lists = {
      C: '"老年人,儿童"',
      H: '"特殊关爱,重点探访,普通巡访"',
      I: '"是,否"',
      E: "'区划'!$A$2:$A$3",
    };
    for (const [letter, formula] of Object.entries(lists)) {
      for (const row of [2, 5000]) {
        expect(validationOf(sheet, `${letter}${row}`)).toMatchObject({
          type: 'list',
          formulae: [formula],
        });
      }
      expect(validationOf(sheet, `${letter}1`)).toBeUndefined();
      expect(validationOf(sheet, `${letter}5001`)).toBeUndefined();
    }
    for (const letter of ['A', 'B', 'D', 'F', 'G', 'J', 'K']) {
      expect(validationOf(sheet, `${letter}2`)).toBeUndefined();
    }
  });

  it('keeps the community codes in a hidden sheet and explains every column with the categories', async () => {
    const book = await load(await template());
    const divisions = book.getWorksheet('区划') as Worksheet;
    expect(divisions.state).toBe('hidden');
    expect(divisions.getCell('A2').value).toBe('210102001001');
    expect(divisions.getCell('B3').value).toBe('二社区');
    const guide = book.getWorksheet('填写说明') as Worksheet;
    expect(guide.state).toBe('visible');
    const text: string[] = [];
    guide.eachRow((row) => text.push((row.values as unknown[]).join(' ')));
    for (const header of rosterColumns.map((c) => c.header)) {
      expect(text.some((line) => line.startsWith(` ${header} `))).toBe(true);
    }
    expect(text.join('\n')).toContain('老年人：独居、空巢；儿童：孤儿、留守');
  });
});

describe('cellText', () => {
  it('turns full-width digits, letters and spaces half-width and collapses whitespace', () => {
    expect(cellText('１１０１０１　１９４５\u3000ＡＢ')).toBe('110101 1945 AB');
    expect(cellText('  张\t\t三  \n')).toBe('张 三');
    expect(cellText('\ufeff王\u200b五')).toBe('王五');
  });

  it('gives numbers as their plain digits, without an exponent or binary noise', () => {
    expect(cellText(110101194501011000)).toBe('110101194501011000');
    expect(cellText(1.10101194501011e17)).toBe('110101194501011000');
    expect(cellText(210102001001)).toBe('210102001001');
    expect(cellText(0.1 + 0.2)).toBe('0.3');
    expect(cellText(1e21)).toBe('1000000000000000000000');
    expect(cellText(1.5e-7)).toBe('0.00000015');
  });

  it('reads rich text, formula results, hyperlinks and dates', () => {
    expect(cellText({ richText: [{ text: '张' }, { text: '三 ' }] })).toBe('张三');
    expect(cellText({ formula: 'A1&B1', result: '李四' })).toBe('李四');
    expect(cellText({ sharedFormula: 'A1', result: 210102001001 })).toBe('210102001001');
    expect(cellText({ text: '主页', hyperlink: 'https://example.org' })).toBe('主页');
    expect(cellText(new Date(Date.UTC(1945, 0, 1, 23, 30)))).toBe('1945-01-01');
    expect(cellText(null)).toBe('');
    expect(cellText(undefined)).toBe('');
  });
});

describe('parseDateText', () => {
  it.each([
    ['1945-01-01', '1945-01-01'],
    ['1945/1/1', '1945-01-01'],
    ['1945.1.1', '1945-01-01'],
    ['19450101', '1945-01-01'],
    ['1945年1月1日', '1945-01-01'],
    ['1945年01月01', '1945-01-01'],
    ['１９４５－０１－０１', '1945-01-01'],
    ['1945-01-01 00:00:00', '1945-01-01'],
    ['16438', '1945-01-01'],
    ['45658', '2025-01-01'],
    ['61', '1900-03-01'],
    ['59', '1900-02-28'],
    ['2000-02-29', '2000-02-29'],
  ])('reads %s as %s', (text, date) => {
    expect(parseDateText(text)).toBe(date);
  });

  it.each([
    '1945',
    '1945-02-30',
    '1900-02-29',
    '19451301',
    '60',
    '0',
    '',
    '张三',
    '1945-1',
    '2026-13-01',
  ])('answers null for %s', (text) => {
    expect(parseDateText(text)).toBeNull();
  });

  it('reads serial numbers and dates', () => {
    expect(parseDateText(16438)).toBe('1945-01-01');
    expect(parseDateText(7306)).toBe('1920-01-01');
    expect(parseDateText(new Date(Date.UTC(1945, 0, 1)))).toBe('1945-01-01');
  });
});

describe('splitList', () => {
  it('splits on 、，,；;/ and whitespace and drops empty parts', () => {
    expect(splitList('独居、高龄，低保,失能；失智;重残/空巢 留守\u3000流动、、')).toEqual([
      '独居',
      '高龄',
      '低保',
      '失能',
      '失智',
      '重残',
      '空巢',
      '留守',
      '流动',
    ]);
    expect(splitList('  ')).toEqual([]);
  });
});

describe('readRosterSheet', () => {
  it('reads values as text, skips empty rows and keeps the spreadsheet row numbers', async () => {
    const file = await workbook(
      [
        [...requiredHeaders, '健康状况', '备注', '出生日期', '意愿确认日期'],
        [
          '张　三',
          110101194501011000,
          '老年人',
          13800000000,
          210102001001,
          '大东区　某街１号',
          '独居、高龄',
          '重点探访',
          '是',
          '',
          '',
          '高血压',
          '不读',
          new Date(Date.UTC(1945, 0, 1)),
          45658,
        ],
        [],
        ['', '', '', '  '],
        [{ richText: [{ text: '李' }, { text: '四' }] }, '11010119450101123x'],
      ],
      (sheet) => {
        sheet.getCell('N2').numFmt = 'yyyy"年"m"月"d"日"';
      },
    );
    expect(await readAll(file)).toEqual([
      {
        row: 2,
        values: {
          name: '张 三',
          idNumber: '110101194501011000',
          kind: '老年人',
          phone: '13800000000',
          communityCode: '210102001001',
          address: '大东区 某街1号',
          categories: '独居、高龄',
          careLevel: '重点探访',
          consent: '是',
          healthNotes: '高血压',
          birthDate: '1945-01-01',
          consentDate: '2025-01-01',
        },
      },
      { row: 5, values: { name: '李四', idNumber: '11010119450101123x' } },
    ]);
  });

  it('reads a stream, and accepts headers with stray spaces', async () => {
    const file = await workbook([
      requiredHeaders.map((h) => ` ${h.slice(0, 1)} ${h.slice(1)}`),
      person,
    ]);
    const rows = await readAll(
      Readable.from(
        [1, 3, 1000, file.length].map((end, i, ends) => file.subarray(ends[i - 1] ?? 0, end)),
      ),
    );
    expect(rows).toEqual([{ row: 2, values: expect.objectContaining({ name: '张三' }) }]);
  });

  it('leaves no temporary file behind when the caller stops early or the headers are wrong', async () => {
    // exceljs parks each worksheet in a temporary file until the shared strings have been read
    const dir = await mkdtemp(path.join(os.tmpdir(), 'roster-'));
    const before = process.env.TMPDIR;
    process.env.TMPDIR = dir;
    try {
      const book = new ExcelJS.Workbook();
      book.addWorksheet('名册').addRows([requiredHeaders, person, person, person]);
      book.addWorksheet('其他').addRows([['别的']]);
      const file = Buffer.from(await book.xlsx.writeBuffer());
      for await (const row of readRosterSheet(Readable.from([file]))) {
        expect(row.row).toBe(2);
        break;
      }
      const wrong = await workbook([requiredHeaders.slice(1), person]);
      expect((await failure(wrong)).reason).toBe('headers');
      await readAll(file);
      // tmp removes its files asynchronously
      await vi.waitFor(async () => expect(await readdir(dir)).toEqual([]));
    } finally {
      if (before === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = before;
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('reads the first sheet in tab order', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('名册').addRows([requiredHeaders, person]);
    book.addWorksheet('其他').addRows([['别的'], ['内容']]);
    const rows = await readAll(Buffer.from(await book.xlsx.writeBuffer()));
    expect(rows.map((r) => r.values.name)).toEqual(['张三']);
  });

  it('refuses headers out of order, naming the misplaced ones', async () => {
    const swapped = [requiredHeaders[1], requiredHeaders[0], ...requiredHeaders.slice(2)];
    const error = await failure(await workbook([swapped, person]));
    expect(error.reason).toBe('headers');
    expect(error.detail.missing).toEqual(['姓名', '身份证号']);
    expect(error.detail.found).toEqual(swapped);
  });

  it('refuses a missing column and a header row that is not row 1', async () => {
    const without = requiredHeaders.filter((h) => h !== '紧急联系人电话');
    expect((await failure(await workbook([without]))).detail.missing).toEqual(['紧急联系人电话']);
    const late = await failure(await workbook([[], requiredHeaders]));
    expect(late).toMatchObject({ reason: 'headers', detail: { found: [] } });
    expect(late.detail.missing).toEqual(requiredHeaders);
  });

  it('refuses what is not an xlsx file, as a buffer or a stream', async () => {
    const text = Buffer.from('姓名,身份证号\n张三,110101194501011234\n');
    expect((await failure(text)).reason).toBe('not_xlsx');
    expect((await failure(Readable.from([text]))).reason).toBe('not_xlsx');
    const broken = Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(2000, 7)]);
    expect((await failure(broken)).reason).toBe('not_xlsx');
    expect((await failure(Buffer.alloc(0))).reason).toBe('not_xlsx');
  });

  it('fails instead of waiting when the upload is empty or breaks off', async () => {
    expect((await failure(Readable.from([]))).reason).toBe('not_xlsx');
    const file = await workbook([requiredHeaders, person]);
    const upload = new Readable({ read: () => undefined });
    upload.push(file.subarray(0, 300));
    setTimeout(
      () => upload.destroy(Object.assign(new Error('aborted'), { code: 'ECONNRESET' })),
      20,
    );
    await expect(readAll(upload)).rejects.toMatchObject({ code: 'ECONNRESET' });
    const truncated = Readable.from([file.subarray(0, file.length - 200)]);
    expect((await failure(truncated)).reason).toBe('not_xlsx');
  });

  it('reads a 100,000-row file', { timeout: 120_000 }, async () => {
    const total = 100_000;
    const file = await written(async (out) => {
      const book = new ExcelJS.stream.xlsx.WorkbookWriter({
        stream: out as unknown as NodeJS.ReadWriteStream & Readable,
        useSharedStrings: true,
      });
      const sheet = book.addWorksheet('名册');
      sheet.addRow(requiredHeaders).commit();
      for (let i = 0; i < total; i++) {
        sheet
          .addRow([`姓名${i}`, `1101011945${String(i).padStart(8, '0')}`, ...person.slice(2)])
          .commit();
      }
      await book.commit();
    });
    const started = performance.now();
    const cpu = process.cpuUsage();
    // the rows read are not kept by the reader (issue 8 item 7: they were, 750 MB of them)
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
    let count = 0;
    let last = 0;
    for await (const row of readRosterSheet(file)) {
      count++;
      last = row.row;
    }
    clearInterval(sampler);
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    console.log(
      `readRosterSheet: ${count} rows (${(file.length / 1e6).toFixed(1)} MB) in ${seconds.toFixed(2)} s` +
        ` (${((used.user + used.system) / 1e6).toFixed(2)} s CPU)`,
    );
    expect(count).toBe(total);
    expect((peak - before) / 1024 / 1024).toBeLessThan(300);
    expect(last).toBe(total + 1);
  });
});

describe('writeRosterErrorFile', () => {
  const headers = [...requiredHeaders, '出生日期'];
  const rows = [
    { row: 3, values: { name: '李四', idNumber: '110101194501011235', birthDate: '1945-01-01' } },
    { row: 2, values: { name: '张三', idNumber: '110101194501011234', kind: '老人' } },
  ];
  const problems = new Map([
    [
      2,
      [
        { field: 'kind' as const, message: '人员类型应为“老年人”或“儿童”' },
        { field: 'communityCode' as const, message: '所属社区代码不能为空' },
        { field: null, message: '与第5行重复' },
      ],
    ],
  ]);
  const errorFile = () => written((out) => writeRosterErrorFile(out, headers, rows, problems));

  it('writes the uploaded columns and rows in row order, with 错误说明 last', async () => {
    const sheet = (await load(await errorFile())).worksheets[0] as Worksheet;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([...headers, '错误说明']);
    expect(sheet.getCell('A2').value).toBe('张三');
    expect(sheet.getCell('B2').value).toBe('110101194501011234');
    expect(sheet.getCell('C2').value).toBe('老人');
    expect(sheet.getCell('M2').value).toBe(
      '人员类型应为“老年人”或“儿童”；所属社区代码不能为空；与第5行重复',
    );
    expect(sheet.getCell('A3').value).toBe('李四');
    expect(sheet.getCell('L3').value).toBe('1945-01-01');
    expect(sheet.getCell('M3').value ?? '').toBe('');
  });

  it('fills the cells with problems light red, and only those', async () => {
    const sheet = (await load(await errorFile())).worksheets[0] as Worksheet;
    const filled = (address: string) =>
      (sheet.getCell(address).fill as FillPattern | undefined)?.fgColor?.argb;
    expect(filled('C2')).toBe('FFFFC7CE');
    expect(filled('E2')).toBe('FFFFC7CE');
    for (const address of ['A2', 'B2', 'D2', 'C3', 'E3']) expect(filled(address)).toBeUndefined();
  });

  it('can be uploaded again once fixed: the 错误说明 column is ignored', async () => {
    const rowsRead = await readAll(await errorFile());
    expect(rowsRead.map((r) => [r.row, r.values.name, r.values.birthDate])).toEqual([
      [2, '张三', undefined],
      [3, '李四', '1945-01-01'],
    ]);
  });
});
