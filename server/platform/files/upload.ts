import { FileError } from '../contract/files.ts';
import { AppError } from '../http/app-error.ts';
import type { Upload } from '../http/upload.ts';

/**
 * A file upload (`upload: 'file'`, read by defineRoutes: the one file of the form field `file`,
 * refused past FILE_MAX_MB) with the EXIF the phone read as JSON in the optional field `exif`.
 */
export function fileUpload({ content, name, fields }: Upload): {
  content: Buffer;
  name: string;
  clientExif: unknown;
} {
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
