import type { FastifyRequest } from 'fastify';
import { CommonError } from '../contract/errors.ts';
import { FileError } from '../contract/files.ts';
import { AppError } from '../http/app-error.ts';
import { readLimited } from './content.ts';

const EXIF_MAX_BYTES = 16 * 1024;

/**
 * A multipart upload of one file in the form field `file`, with the EXIF the phone read as JSON in
 * the optional field `exif`. The file is counted as it streams and refused past `maxBytes`.
 */
export async function readFileUpload(
  req: FastifyRequest,
  maxBytes: number,
): Promise<{ content: Buffer; name: string; clientExif: unknown }> {
  const missing = () =>
    new AppError(CommonError.file_required, {
      params: { field: 'file' },
      fields: [{ field: 'file', code: CommonError.file_required }],
    });
  const badExif = () =>
    new AppError(FileError.exif_invalid, {
      fields: [{ field: 'exif', code: FileError.exif_invalid }],
    });
  if (!req.isMultipart()) throw missing();
  let file: { content: Buffer; name: string } | undefined;
  let clientExif: unknown = undefined;
  const parts = req.parts({
    limits: { fileSize: maxBytes + 1, files: 1, fields: 4, fieldSize: EXIF_MAX_BYTES },
  });
  for await (const part of parts) {
    if (part.type === 'file') {
      if (part.fieldname !== 'file' || file) {
        part.file.resume();
        continue;
      }
      file = { content: await readLimited(part.file, maxBytes), name: part.filename };
    } else if (part.fieldname === 'exif') {
      if (part.valueTruncated || typeof part.value !== 'string') throw badExif();
      try {
        clientExif = JSON.parse(part.value);
      } catch {
        throw badExif();
      }
      if (!clientExif || typeof clientExif !== 'object' || Array.isArray(clientExif))
        throw badExif();
    }
  }
  if (!file) throw missing();
  return { ...file, clientExif };
}
