import zlib from 'node:zlib';
import JSZip from 'jszip';

/**
 * Zip bombs for the upload tests, made small: a real workbook whose first sheet is replaced by a
 * deflate stream that inflates to `inflatedBytes` of XML rows, built from one compressed segment
 * repeated (each ends in a full flush, so the copies are independent and nothing big is ever held).
 * The sheet's declared size lies (it says 1 KB), as an attacker's would.
 */
export async function zipBomb(
  workbook: Buffer,
  o: { inflatedBytes: number; row?: string; segmentBytes?: number; headers?: string[] },
): Promise<Buffer> {
  const row = o.row ?? '<row r="2"><c r="A2" t="inlineStr"><is><t>炸</t></is></c></row>';
  const segmentBytes = o.segmentBytes ?? 1024 * 1024;
  const segment = Buffer.from(row.repeat(Math.ceil(segmentBytes / Buffer.byteLength(row))));
  const head = Buffer.from(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
      '<row r="1">' +
      (o.headers ?? [])
        .map(
          (h, i) => `<c r="${String.fromCharCode(65 + i)}1" t="inlineStr"><is><t>${h}</t></is></c>`,
        )
        .join('') +
      '</row>',
  );
  const tail = Buffer.from('</sheetData></worksheet>');
  const flushed = (b: Buffer) =>
    zlib.deflateRawSync(b, { finishFlush: zlib.constants.Z_FULL_FLUSH });
  const copies = Math.ceil(o.inflatedBytes / segment.length);
  const packed = flushed(segment);
  const sheet = Buffer.concat([
    flushed(head),
    ...Array.from({ length: copies }, () => packed),
    zlib.deflateRawSync(tail),
  ]);

  const zip = await JSZip.loadAsync(workbook);
  const entries: { name: string; data: Buffer; method: 0 | 8 }[] = [];
  for (const name of Object.keys(zip.files)) {
    const file = zip.file(name);
    if (!file) continue;
    entries.push(
      name === 'xl/worksheets/sheet1.xml'
        ? { name, data: sheet, method: 8 }
        : { name, data: Buffer.from(await file.async('uint8array')), method: 0 },
    );
  }
  // the workbook's parts first, as Excel stores them, so that the sheet is streamed
  entries.sort(
    (a, b) =>
      Number(a.name.startsWith('xl/worksheets/')) - Number(b.name.startsWith('xl/worksheets/')),
  );
  return zipOf(entries);
}

/** A zip of entries as given (CRCs left 0: nothing on the way checks them before the bounds). */
function zipOf(entries: { name: string; data: Buffer; method: 0 | 8 }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const declared = e.method === 8 ? 1024 : e.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(e.method, 8);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(e.method, 10);
    central.writeUInt32LE(e.data.length, 20);
    central.writeUInt32LE(declared, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, e.data);
    centrals.push(central, name);
    offset += local.length + name.length + e.data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
