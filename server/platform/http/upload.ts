import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { CommonError } from '../contract/errors.ts';
import { AppError, isAppError } from './app-error.ts';
import type { AppContext } from './context.ts';

/** A declared upload as the handler gets it (`file` of its input): the bytes, the client's name, text fields. */
export type Upload = { content: Buffer; name: string; fields: Record<string, string> };

/** A part of a file sent in pieces: its bytes, where they start, and the whole file's size. */
export type UploadPart = { content: Buffer; start: number; total: number };

const CONTENT_RANGE = /^bytes (\d{1,12})-(\d{1,12})\/(\d{1,12})$/;

/**
 * The part of a file a request sends (`upload: 'part'`): raw bytes, placed by `Content-Range:
 * bytes <start>-<end>/<total>` (inclusive, as HTTP says); without the header, the whole file.
 */
export function uploadedPart(req: FastifyRequest): UploadPart {
  const content = req.body;
  if (!Buffer.isBuffer(content) || content.length === 0)
    throw new AppError(CommonError.part_required, {
      fields: [{ field: 'body', code: CommonError.part_required }],
    });
  const header = req.headers['content-range'];
  if (header === undefined) return { content, start: 0, total: content.length };
  const invalid = () =>
    new AppError(CommonError.range_invalid, {
      fields: [{ field: 'Content-Range', code: CommonError.range_invalid }],
    });
  const match = typeof header === 'string' ? CONTENT_RANGE.exec(header.trim()) : null;
  if (!match) throw invalid();
  const [start, end, total] = [match[1], match[2], match[3]].map(Number) as [
    number,
    number,
    number,
  ];
  if (end < start || end >= total || end - start + 1 !== content.length) throw invalid();
  return { content, start, total };
}

/** What an endpoint's upload is read with: the file's field, its limit, and the text fields kept. */
export type UploadSpec = { field: string; maxBytes: number; textFields?: readonly string[] };

/**
 * How each kind of declared upload (`Endpoint.upload`) is read: an Excel import (IMPORT_MAX_MB), or
 * a file to store (FILE_MAX_MB) with the EXIF the phone read as a JSON text field `exif`.
 */
export function uploadSpec(ctx: Pick<AppContext, 'config'>, kind: 'xlsx' | 'file'): UploadSpec {
  return kind === 'xlsx'
    ? { field: 'file', maxBytes: ctx.config.roster.importMaxBytes }
    : { field: 'file', maxBytes: ctx.config.files.maxBytes, textFields: ['exif'] };
}

/** A text field of an upload (e.g. the EXIF a phone read) is small. */
export const TEXT_FIELD_MAX_BYTES = 16 * 1024;

/** The upload read per request (a request's stream is read once), with the SM3 of its content. */
const read = new WeakMap<FastifyRequest, Promise<Upload & { field: string; sm3: string }>>();

/**
 * The one file of a multipart request's field, read whole (uploads are limited by `maxBytes`) and
 * hashed while it streams in, and the text fields the endpoint takes. Read once per request: a
 * second call (the handler, after the idempotency check read the upload for its fingerprint) gets
 * the same upload.
 */
export async function uploadedFile(req: FastifyRequest, spec: UploadSpec): Promise<Upload> {
  let file = read.get(req);
  if (!file) {
    file = readFile(req, spec);
    read.set(req, file);
  }
  const { content, name, fields } = await file;
  return { content, name, fields };
}

/** The SM3 of what a request uploaded (`uploadedFile`): the file's bytes and its text fields. */
export async function uploadedFileDigest(
  req: FastifyRequest,
): Promise<{ field: string; sm3: string } | null> {
  const file = read.get(req);
  if (!file) return null;
  const { field, sm3 } = await file;
  return { field, sm3 };
}

async function readFile(
  req: FastifyRequest,
  { field, maxBytes, textFields = [] }: UploadSpec,
): Promise<Upload & { field: string; sm3: string }> {
  const missing = () =>
    new AppError(CommonError.file_required, {
      params: { field },
      fields: [{ field, code: CommonError.file_required }],
    });
  const tooLarge = () =>
    new AppError(CommonError.file_too_large, {
      params: { mb: Math.round(maxBytes / 1024 / 1024) },
      fields: [{ field, code: CommonError.file_too_large }],
    });
  if (!req.isMultipart()) throw missing();
  const hash = createHash('sm3');
  let file: { content: Buffer; name: string } | undefined;
  const fields: Record<string, string> = {};
  const parts = req.parts({
    limits: {
      fileSize: maxBytes,
      files: 1,
      fields: textFields.length,
      fieldSize: TEXT_FIELD_MAX_BYTES,
    },
  });
  try {
    // every part is read to the end, so that text fields after the file are kept too
    for await (const part of parts) {
      if (part.type === 'field') {
        if (textFields.includes(part.fieldname) && typeof part.value === 'string')
          fields[part.fieldname] = part.valueTruncated ? '' : part.value;
        continue;
      }
      if (part.fieldname !== field || file) {
        part.file.resume();
        continue;
      }
      const chunks: Buffer[] = [];
      let truncated = false;
      try {
        for await (const chunk of part.file as AsyncIterable<Buffer>) {
          if (part.file.truncated) truncated = true;
          if (truncated) continue; // drained to the end, kept no further
          hash.update(chunk);
          chunks.push(chunk);
        }
      } catch (err) {
        if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
        throw err;
      }
      if (truncated || part.file.truncated) throw tooLarge();
      file = { content: Buffer.concat(chunks), name: part.filename || 'upload' };
    }
  } catch (err) {
    // A malformed multipart body (no boundary, a part cut off) is the client's, not a crash.
    const status = (err as { statusCode?: number }).statusCode;
    if (isAppError(err) || (status !== undefined && status < 500)) throw err;
    throw new AppError(CommonError.multipart_invalid, {
      params: { field },
      fields: [{ field, code: CommonError.multipart_invalid }],
    });
  }
  if (!file) throw missing();
  for (const name of Object.keys(fields).sort()) hash.update(`\0${name}=${fields[name]}`);
  return { ...file, fields, field, sm3: hash.digest('hex') };
}
