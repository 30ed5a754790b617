/**
 * exceljs, with one fix: its SAX feeder (lib/utils/parse-sax.js, 4.4.0) turns every chunk of an
 * unzipped part into text on its own, so a Chinese character split between two chunks becomes
 * "��" — one in a few thousand rows of a large upload (exceljs issue #2084, open). The feeder here
 * decodes through a StringDecoder, which carries a split character over to the next chunk. It is
 * put in place before exceljs loads, so every module imports exceljs from here (lint checks that).
 */
import { createRequire } from 'node:module';
import { StringDecoder } from 'node:string_decoder';
import type * as Streams from 'node:stream';
import type ExcelJSModule from 'exceljs';
import type * as Saxes from 'saxes';
import { MAX_NODE_BYTES, SHARED_STRINGS_PER_ROW, sheetBudget, tooLarge } from './limits.ts';

const require = createRequire(import.meta.url);
const saxPath = require.resolve('exceljs/lib/utils/parse-sax.js');
const fromExcelJS = createRequire(saxPath);
const { SaxesParser } = fromExcelJS('saxes') as typeof Saxes;
const { PassThrough } = fromExcelJS('readable-stream') as typeof Streams;

type SaxEvent = { eventType: 'opentag' | 'text' | 'closetag'; value: unknown };
type Tag = { name: string; attributes: Record<string, string> };

/** The column number of a cell reference (`AB12` → 28), or 0. */
function columnOf(ref: string | undefined): number {
  let col = 0;
  for (const ch of ref ?? '') {
    const code = ch.charCodeAt(0);
    if (code < 65 || code > 90) break;
    col = col * 26 + code - 64;
    if (col > 1e6) break;
  }
  return col;
}

/**
 * The bounds of the read in progress (limits.ts), counted as one part is parsed: every inflated
 * byte, the rows of a worksheet, the cells of a row and the column each names, the shared strings,
 * and the bytes fed without any event (one XML node growing without end). Throws at the first breach.
 */
function partCounter() {
  const budget = sheetBudget();
  if (!budget) return null;
  const { limits } = budget;
  let rows = 0;
  let cells = 0;
  let strings = 0;
  let quiet = 0;
  return {
    fed(bytes: number, events: SaxEvent[]) {
      budget.bytes += bytes;
      if (budget.bytes > limits.maxUncompressedBytes)
        throw tooLarge('uncompressed', limits.maxUncompressedBytes);
      quiet = events.length > 0 ? 0 : quiet + bytes;
      if (quiet > MAX_NODE_BYTES) throw tooLarge('node', MAX_NODE_BYTES);
      for (const e of events) {
        // a text given whole (a stored part comes in one chunk): UTF-8 takes up to 3 bytes a char
        if (e.eventType === 'text' && (e.value as string).length * 3 > MAX_NODE_BYTES)
          throw tooLarge('node', MAX_NODE_BYTES);
        if (e.eventType !== 'opentag') continue;
        const tag = e.value as Tag;
        if (tag.name === 'row') {
          cells = 0;
          if (++rows > limits.maxRows + 1) throw tooLarge('rows', limits.maxRows);
        } else if (tag.name === 'c') {
          if (++cells > limits.maxColumns || columnOf(tag.attributes.r) > limits.maxColumns)
            throw tooLarge('columns', limits.maxColumns);
        } else if (tag.name === 'si') {
          const max = limits.maxRows * SHARED_STRINGS_PER_ROW;
          if (++strings > max) throw tooLarge('strings', max);
        }
      }
    },
  };
}

async function* parseSax(input: AsyncIterable<Buffer | string> & { pipe?: unknown }) {
  const iterable =
    input.pipe && !(Symbol.asyncIterator in input)
      ? (input as unknown as NodeJS.ReadableStream).pipe(new PassThrough())
      : input;
  const parser = new SaxesParser();
  let error: unknown;
  parser.on('error', (err) => (error = err));
  let events: SaxEvent[] = [];
  parser.on('opentag', (value) => events.push({ eventType: 'opentag', value }));
  parser.on('text', (value) => events.push({ eventType: 'text', value }));
  parser.on('closetag', (value) => events.push({ eventType: 'closetag', value }));
  const decoder = new StringDecoder('utf8');
  const counter = partCounter();
  for await (const chunk of iterable as AsyncIterable<Buffer | string>) {
    parser.write(typeof chunk === 'string' ? chunk : decoder.write(chunk));
    if (error) throw error;
    counter?.fed(chunk.length, events);
    yield events;
    events = [];
  }
  const rest = decoder.end();
  if (rest) {
    parser.write(rest);
    if (error) throw error;
    yield events;
  }
}

/** Marks the fixed feeder (this module may be evaluated again in one process, as tests do). */
const FIXED = Symbol.for('guanai.exceljs.parse-sax');
const loaded = require.cache[saxPath] as { exports?: Record<symbol, unknown> } | undefined;
if (loaded && !loaded.exports?.[FIXED])
  throw new Error('exceljs was loaded before platform/excel/exceljs.ts: import it from there');
if (!loaded) {
  Object.assign(parseSax, { [FIXED]: true });
  require.cache[saxPath] = {
    id: saxPath,
    filename: saxPath,
    loaded: true,
    exports: parseSax,
  } as unknown as NodeJS.Module;
}

const ExcelJS = require('exceljs') as typeof ExcelJSModule;
export default ExcelJS;
