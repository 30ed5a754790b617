import { describe, expect, it } from 'vitest';
import ExcelJS from './exceljs.ts';
import { toBuffer } from './export.ts';
import JSZip from 'jszip';
import { readSheet, workbookFirst } from './read.ts';

describe('readSheet', () => {
  it('keeps every Chinese character whole, also where the unzipped text is cut between chunks (exceljs #2084)', async () => {
    const file = await toBuffer(async (out) => {
      const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out as never });
      const sheet = book.addWorksheet('名册');
      sheet.addRow(['姓名', '住址']).commit();
      for (let i = 0; i < 10_000; i++)
        sheet.addRow(['王秀英', '沈阳市大东区北海街12号3-2-1']).commit();
      await book.commit();
    });
    const spec = {
      columns: [
        { key: 'name', header: '姓名' },
        { key: 'address', header: '住址' },
      ],
    } as const;
    let rows = 0;
    const broken: number[] = [];
    for await (const { row, values } of readSheet(file, spec)) {
      rows += 1;
      if (values.name !== '王秀英' || values.address !== '沈阳市大东区北海街12号3-2-1')
        broken.push(row);
    }
    expect(rows).toBe(10_000);
    expect(broken).toEqual([]);
  });

  it('reads what exceljs wrote with its workbook part last, after moving the workbook before the sheets (exceljs #3064)', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('名册').addRow(['姓名', '住址']);
    book.getWorksheet('名册')?.addRow(['张三', '北海街1号']);
    book.addWorksheet('填写说明').addRow(['说明']);
    const written = Buffer.from(await book.xlsx.writeBuffer());
    const order = async (file: Buffer) =>
      Object.keys((await JSZip.loadAsync(file)).files).filter((n) => !n.endsWith('/'));
    const before = await order(written);
    expect(before.indexOf('xl/workbook.xml')).toBeGreaterThan(
      before.indexOf('xl/worksheets/sheet1.xml'),
    );

    const moved = await workbookFirst(written);
    const after = await order(moved);
    expect(after.slice(0, 4)).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/_rels/workbook.xml.rels',
      'xl/workbook.xml',
    ]);
    expect(after.indexOf('xl/sharedStrings.xml')).toBeLessThan(
      after.indexOf('xl/worksheets/sheet1.xml'),
    );
    expect([...after].sort()).toEqual([...before].sort());
    // a file already in that order (as Excel saves) passes as it is
    expect(await workbookFirst(moved)).toBe(moved);

    const spec = {
      columns: [
        { key: 'name', header: '姓名' },
        { key: 'address', header: '住址' },
      ],
    } as const;
    const rows = [];
    for await (const r of readSheet(written, spec)) rows.push(r);
    expect(rows).toEqual([{ row: 2, values: { name: '张三', address: '北海街1号' } }]);
  });
});
