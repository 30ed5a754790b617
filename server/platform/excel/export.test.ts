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
  it('writes a watermark line, a bold frozen header and the rows from an async iterable', async () => {
    async function* rows() {
      yield ['张三', '0012'];
      yield ['李四', '=1+1'];
    }
    const file = await written((out) =>
      writeListExport(out, '名册/导出', ['姓名', '编号'], rows(), '导出人 某某 仅限工作使用'),
    );
    const sheet = (await load(file)).worksheets[0] as Worksheet;
    expect(sheet.name).toBe('名册 导出');
    expect(sheet.getCell('A1').value).toBe('导出人 某某 仅限工作使用');
    expect((sheet.getRow(2).values as unknown[]).slice(1)).toEqual(['姓名', '编号']);
    expect(sheet.getCell('A2').font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(sheet.getCell('B3').value).toBe('0012');
    expect(sheet.getCell('B4').value).toBe('=1+1');
  });

  it('starts with the header when there is no watermark', async () => {
    const file = await written((out) => writeListExport(out, '列表', ['a'], [['1'], ['2']]));
    const sheet = (await load(file)).worksheets[0] as Worksheet;
    expect(sheet.getCell('A1').value).toBe('a');
    expect(sheet.rowCount).toBe(3);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });
});
