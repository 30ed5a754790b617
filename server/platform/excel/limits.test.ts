import { Readable } from 'node:stream';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { zipBomb } from '../../test/zip-bomb.ts';
import type { Worksheet } from 'exceljs';
import ExcelJS from './exceljs.ts';
import { defaultSheetLimits, SheetFileError, type SheetLimits } from './limits.ts';
import { readSheet } from './read.ts';
import { checkZip } from './zip.ts';

const spec = { columns: [{ key: 'name', header: '姓名' }] } as const;
const MB = 1024 * 1024;

async function book(fill: (sheet: Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('名册');
  sheet.addRow(['姓名']);
  fill(sheet);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The bound a read breaks, or 'none' when it reads to the end. */
async function breach(input: Buffer | Readable, limits: Partial<SheetLimits> = {}) {
  try {
    for await (const row of readSheet(input, spec, { ...defaultSheetLimits, ...limits })) void row;
    return 'none';
  } catch (err) {
    if (err instanceof SheetFileError && err.reason === 'too_large')
      return `${err.detail.limit} ${err.detail.max}`;
    throw err;
  }
}

describe('the bounds of reading an upload', () => {
  it('counts the bytes an entry really inflates to, not the size it declares', async () => {
    const bomb = await zipBomb(await book(() => undefined), { inflatedBytes: 40 * MB });
    await expect(breach(bomb, { maxUncompressedBytes: 20 * MB })).resolves.toBe(
      `uncompressed ${20 * MB}`,
    );
    // within the bound it answers what the entries inflate to
    const inflated = await checkZip(bomb, { maxEntries: 100, maxUncompressedBytes: 41 * MB });
    expect(inflated).toBeGreaterThan(40 * MB);
  });

  it('counts the inflated bytes of a streamed upload too (no zip walk before it)', async () => {
    const bomb = await zipBomb(await book(() => undefined), {
      inflatedBytes: 40 * MB,
      headers: ['姓名'],
    });
    const limits = { maxUncompressedBytes: 20 * MB, maxRows: 1e9 };
    await expect(breach(Readable.from([bomb]), limits)).resolves.toBe(`uncompressed ${20 * MB}`);
  });

  it('refuses a zip of too many entries', async () => {
    const zip = await JSZip.loadAsync(await book(() => undefined));
    for (let i = 0; i < 20; i++) zip.file(`docProps/extra${i}.xml`, '<x/>');
    const file = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    await expect(breach(file, { maxEntries: 20 })).resolves.toBe('entries 20');
    await expect(breach(file, { maxEntries: 40 })).resolves.toBe('none');
  });

  it('refuses more data rows than the bound, and reads exactly that many', async () => {
    const file = await book((s) => {
      for (let i = 0; i < 30; i++) s.addRow([`张${i}`]);
    });
    await expect(breach(file, { maxRows: 29 })).resolves.toBe('rows 29');
    await expect(breach(file, { maxRows: 30 })).resolves.toBe('none');
  });

  it('refuses a row naming a column past the bound (a sparse row would be allocated to it)', async () => {
    const file = await book((s) => {
      s.addRow(['张三']).getCell(5000).value = 'x';
    });
    await expect(breach(file)).resolves.toBe(`columns ${defaultSheetLimits.maxColumns}`);
  });

  it('refuses one XML node of over a megabyte (an Excel cell holds 32,767 characters)', async () => {
    const file = await book((s) => {
      s.addRow(['甲'.repeat(700_000)]);
    });
    await expect(breach(file)).resolves.toBe(`node ${MB}`);
    const fine = await book((s) => {
      s.addRow(['甲'.repeat(32_767)]);
    });
    await expect(breach(fine)).resolves.toBe('none');
  });
});
