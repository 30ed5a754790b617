import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { CommonError } from '../contract/errors.ts';
import { AppError } from './app-error.ts';

type Upload = { content: Buffer; name: string };

/** The file read per request (a request's stream is read once), with the SM3 of its bytes. */
const read = new WeakMap<FastifyRequest, Promise<Upload & { field: string; sm3: string }>>();

/**
 * The one file of a multipart request's field, read whole (uploads are limited by `maxBytes`) and
 * hashed while it streams in. Read once per request: a second call (the handler, after the
 * idempotency check read the file for its fingerprint) gets the same file.
 */
export async function uploadedFile(
  req: FastifyRequest,
  field: string,
  maxBytes: number,
): Promise<Upload> {
  let file = read.get(req);
  if (!file) {
    file = readFile(req, field, maxBytes);
    read.set(req, file);
  }
  const { content, name } = await file;
  return { content, name };
}

/** The SM3 of the bytes of the file a request's handler read (`uploadedFile`), or null. */
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
  field: string,
  maxBytes: number,
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
  for await (const part of req.parts({ limits: { fileSize: maxBytes, files: 1 } })) {
    if (part.type !== 'file' || part.fieldname !== field) continue;
    const hash = createHash('sm3');
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
    return {
      content: Buffer.concat(chunks),
      name: part.filename || 'upload.xlsx',
      field,
      sm3: hash.digest('hex'),
    };
  }
  throw missing();
}

/** Headers of a file download; the name may be Chinese (RFC 6266 / 5987). */
export function downloadHeaders(
  fileName: string,
  type: string,
  disposition: 'attachment' | 'inline' = 'attachment',
): Record<string, string> {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '');
  // RFC 5987: encodeURIComponent leaves ' ( ) * unencoded, which the ext-value grammar does not allow
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return {
    'content-type': type,
    'content-disposition': `${disposition}; filename="${ascii}"; filename*=UTF-8''${encoded}`,
  };
}
