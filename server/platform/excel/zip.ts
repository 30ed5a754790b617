/**
 * The zip of an upload checked before any of it is parsed: its entries walked in stored order, as
 * exceljs's streaming unzip reads them (not from the central directory, which may list fewer), each
 * inflated with its output counted and dropped, stopping at the first breach of the bounds. The
 * sizes the headers declare are not trusted: a deflate stream is read to its end.
 */
import zlib from 'node:zlib';
import { tooLarge, type SheetLimits } from './limits.ts';

const LOCAL_HEADER = 0x04034b50;
const DATA_DESCRIPTOR = 0x08074b50;
const CHUNK = 64 * 1024;

/**
 * Inflates a deflate stream, counting the bytes it gives and keeping none; stops (and answers
 * `over`) past `left`. Answers the bytes given and the compressed bytes the stream took.
 */
function inflated(
  data: Buffer,
  left: number,
): Promise<{ out: number; consumed: number; over: boolean; broken: boolean }> {
  return new Promise((resolve) => {
    const inflate = zlib.createInflateRaw({ chunkSize: 64 * 1024 });
    let out = 0;
    let settled = false;
    const settle = (over: boolean, broken = false) => {
      if (settled) return;
      settled = true;
      resolve({ out, consumed: inflate.bytesWritten, over, broken });
      inflate.destroy();
    };
    inflate.on('data', (chunk: Buffer) => {
      out += chunk.length;
      if (out > left) settle(true);
    });
    inflate.on('end', () => settle(false));
    inflate.on('error', () => settle(false, true));
    let at = 0;
    const feed = () => {
      if (settled) return;
      if (at >= data.length) return void inflate.end();
      const chunk = data.subarray(at, at + CHUNK);
      at += chunk.length;
      inflate.write(chunk, feed);
    };
    feed();
  });
}

/**
 * Throws SheetFileError('too_large') when the zip has more entries than allowed or its entries
 * inflate to more bytes than allowed together; what is no zip is left for the reader to refuse.
 * Answers the bytes the entries inflate to (those walked, for a broken zip).
 */
export async function checkZip(
  file: Buffer,
  limits: Pick<SheetLimits, 'maxEntries' | 'maxUncompressedBytes'>,
): Promise<number> {
  let offset = 0;
  let entries = 0;
  let total = 0;
  while (offset + 30 <= file.length && file.readUInt32LE(offset) === LOCAL_HEADER) {
    if (++entries > limits.maxEntries) throw tooLarge('entries', limits.maxEntries);
    const flags = file.readUInt16LE(offset + 6);
    const method = file.readUInt16LE(offset + 8);
    const declared = file.readUInt32LE(offset + 18);
    const start = offset + 30 + file.readUInt16LE(offset + 26) + file.readUInt16LE(offset + 28);
    const described = (flags & 0x08) !== 0; // sizes after the data, in a descriptor
    const left = limits.maxUncompressedBytes - total;
    let taken: number;
    if (method === 8) {
      const data = file.subarray(start, described ? file.length : start + declared);
      const r = await inflated(data, left);
      if (r.over) throw tooLarge('uncompressed', limits.maxUncompressedBytes);
      if (r.broken) return total; // a broken stream: exceljs refuses the file
      total += r.out;
      taken = r.consumed;
    } else {
      // stored (or unknown): its bytes are what it holds; stored with a descriptor has no length
      taken = described ? file.length - start : declared;
      total += taken;
    }
    if (total > limits.maxUncompressedBytes)
      throw tooLarge('uncompressed', limits.maxUncompressedBytes);
    offset = start + taken;
    if (described)
      offset +=
        offset + 4 <= file.length && file.readUInt32LE(offset) === DATA_DESCRIPTOR ? 16 : 12;
  }
  return total;
}
