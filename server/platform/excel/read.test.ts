import { describe, expect, it } from 'vitest';
import ExcelJS from './exceljs.ts';
import { toBuffer } from './export.ts';
import { readSheet } from './read.ts';

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
});
