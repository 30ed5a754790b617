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

const require = createRequire(import.meta.url);
const saxPath = require.resolve('exceljs/lib/utils/parse-sax.js');
const fromExcelJS = createRequire(saxPath);
const { SaxesParser } = fromExcelJS('saxes') as typeof Saxes;
const { PassThrough } = fromExcelJS('readable-stream') as typeof Streams;

type SaxEvent = { eventType: 'opentag' | 'text' | 'closetag'; value: unknown };

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
  for await (const chunk of iterable as AsyncIterable<Buffer | string>) {
    parser.write(typeof chunk === 'string' ? chunk : decoder.write(chunk));
    if (error) throw error;
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
