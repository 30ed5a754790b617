import ExcelJS from './exceljs.ts';
import type { Worksheet } from 'exceljs';
import { describe, expect, it } from 'vitest';
import { toBuffer, writeListExport } from './export.ts';

const written = toBuffer;
async function load(file: Buffer) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(file as unknown as ArrayBuffer);
  return book;
}

describe('writeListExport', () => {
  it('keeps the header in row 1 and puts the watermark in the page header, footer and properties', async () => {
    async function* rows() {
      yield ['张三', '0012'];
      yield ['李四', '=1+1'];
    }
    const file = await written((out) =>
      writeListExport(out, '名册/导出', ['姓名', '编号'], rows(), '导出人 A&B 仅限工作使用'),
    );
    const book = await load(file);
    const sheet = book.worksheets[0] as Worksheet;
    expect(sheet.name).toBe('名册 导出');
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(['姓名', '编号']);
    expect(sheet.getCell('A1').font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getCell('B2').value).toBe('0012');
    expect(sheet.getCell('B3').value).toBe('=1+1');
    expect(sheet.rowCount).toBe(3);
    // '&' is a code in Excel's header and footer: doubled, it prints as itself
    expect(sheet.headerFooter.oddHeader).toBe('&C&8导出人 A&&B 仅限工作使用');
    expect(sheet.headerFooter.oddFooter).toContain('导出人 A&&B 仅限工作使用');
    expect(book.subject).toBe('导出人 A&B 仅限工作使用');
    expect(book.description).toBe('导出人 A&B 仅限工作使用');
  });

  it('starts with the header when there is no watermark', async () => {
    const file = await written((out) => writeListExport(out, '列表', ['a'], [['1'], ['2']]));
    const sheet = (await load(file)).worksheets[0] as Worksheet;
    expect(sheet.getCell('A1').value).toBe('a');
    expect(sheet.rowCount).toBe(3);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });
});
