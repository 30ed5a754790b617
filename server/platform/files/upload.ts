import type { FastifyRequest } from 'fastify';
import { FileError } from '../contract/files.ts';
import { AppError } from '../http/app-error.ts';
import type { AppContext } from '../http/context.ts';
import { uploadedFile, uploadSpec } from '../http/upload.ts';

/**
 * A file upload (`upload: 'file'`): the one file of the form field `file`, counted as it streams
 * and refused past FILE_MAX_MB (read once, by the platform's upload reader, which the idempotency
 * fingerprint shares), with the EXIF the phone read as JSON in the optional field `exif`.
 */
export async function readFileUpload(
  ctx: Pick<AppContext, 'config'>,
  req: FastifyRequest,
): Promise<{ content: Buffer; name: string; clientExif: unknown }> {
  const { content, name, fields } = await uploadedFile(req, uploadSpec(ctx, 'file'));
  return { content, name, clientExif: parseClientExif(fields.exif) };
}

function parseClientExif(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  const bad = () =>
    new AppError(FileError.exif_invalid, {
      fields: [{ field: 'exif', code: FileError.exif_invalid }],
    });
  let exif: unknown;
  try {
    exif = JSON.parse(text);
  } catch {
    throw bad();
  }
  if (!exif || typeof exif !== 'object' || Array.isArray(exif)) throw bad();
  return exif;
}
