/**
 * Synthetic roster uploads for the import benches: `rows` valid elders of the demo district's
 * communities (distinct, valid ID numbers), written as the template's .xlsx by exceljs's
 * streaming writer.
 */
import ExcelJS from '../server/platform/excel/exceljs.ts';
import { demoDivisions } from '../server/db/seed/divisions.ts';
import { rosterHeaders } from '../server/modules/subjects/contract.ts';
import { makeIdNumber } from '../server/platform/contract/id-number.ts';
import { toBuffer } from '../server/platform/excel/export.ts';

const surnames = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗';
const given = ['秀英', '桂兰', '建国', '德明', '淑珍', '长顺', '玉兰', '福生', '凤英', '振华'];
export type BenchRow = { name: string; id: string; community: string; phone: string };

/** The demo district's communities, where the demo accounts may upload. */
export const demoCommunities = (): string[] =>
  demoDivisions()
    .filter((d) => d.level === 'community')
    .map((d) => d.code);

export function benchRows(count: number, communities: string[]): BenchRow[] {
  const out: BenchRow[] = [];
  for (let i = 0; i < count; i++) {
    const year = 1930 + (i % 35);
    const day = `${year}-${String(1 + (Math.floor(i / 35) % 12)).padStart(2, '0')}-${String(1 + (Math.floor(i / 420) % 28)).padStart(2, '0')}`;
    const area = `2101${String(10 + (Math.floor(i / 11760) % 80)).padStart(2, '0')}`;
    out.push({
      name: `${surnames[i % surnames.length]}${given[Math.floor(i / 20) % given.length]}`,
      id: makeIdNumber(area, day, Math.floor(i / 5880) % 500, i % 2 ? 'male' : 'female'),
      community: communities[i % communities.length] as string,
      phone: `139${String(i).padStart(8, '0')}`,
    });
  }
  return out;
}

export async function benchWorkbook(rows: BenchRow[]): Promise<Buffer> {
  return toBuffer(async (out) => {
    const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out as never });
    const sheet = book.addWorksheet('名册');
    sheet.addRow(Object.values(rosterHeaders)).commit();
    for (const r of rows)
      sheet
        .addRow([
          r.name,
          r.id,
          '老年人',
          r.phone,
          r.community,
          '沈阳市大东区北海街12号3-2-1',
          '独居、高龄',
          '',
          '是',
          '李建国',
          '13800001111',
        ])
        .commit();
    await book.commit();
  });
}
