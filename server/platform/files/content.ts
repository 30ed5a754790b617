import type { Readable } from 'node:stream';
import { fileTypeFromBuffer } from 'file-type';
import { CommonError } from '../contract/errors.ts';
import { AppError } from '../http/app-error.ts';

export const tooLarge = (maxBytes: number) =>
  new AppError(CommonError.file_too_large, {
    params: { mb: Math.round((maxBytes / 1024 / 1024) * 10) / 10 },
    fields: [{ field: 'file', code: CommonError.file_too_large }],
  });

/**
 * Reads a stream whole while counting: past `maxBytes` it stops reading, destroys the stream and
 * refuses, so an oversize upload is never held in full.
 */
export async function readLimited(stream: Readable, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
      size += buffer.length;
      if (size > maxBytes) throw tooLarge(maxBytes);
      chunks.push(buffer);
    }
  } catch (err) {
    stream.destroy();
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(maxBytes);
    throw err;
  }
  return Buffer.concat(chunks, size);
}

/** The type the content itself shows (magic numbers), or null: the client's word is never taken. */
export async function sniffType(content: Buffer): Promise<{ mime: string; ext: string } | null> {
  const found = await fileTypeFromBuffer(content);
  return found ? { mime: found.mime, ext: found.ext } : null;
}

/** A file name as shown on a download: no folders, no control characters, at most 200 characters. */
export function cleanFileName(name: string | undefined, ext: string): string {
  const base = (name ?? '')
    .split(/[/\\]/)
    .pop()
    ?.replace(/[\u0000-\u001f\u007f]/g, '')
    .trim();
  const stem = base && base !== '.' && base !== '..' ? base.slice(0, 200) : 'file';
  const current = /\.([^.]+)$/.exec(stem)?.[1]?.toLowerCase();
  const same = current === ext || (ext === 'jpg' && current === 'jpeg');
  return same ? stem : `${stem}.${ext}`;
}
