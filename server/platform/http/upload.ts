import type { FastifyRequest } from 'fastify';
import { CommonError } from '../contract/errors.ts';
import { AppError, isAppError } from './app-error.ts';

/** The one file of a multipart request's field, read whole (uploads are limited by `maxBytes`). */
export async function uploadedFile(
  req: FastifyRequest,
  field: string,
  maxBytes: number,
): Promise<{ content: Buffer; name: string }> {
  const missing = () =>
    new AppError(CommonError.file_required, {
      params: { field },
      fields: [{ field, code: CommonError.file_required }],
    });
  if (!req.isMultipart()) throw missing();
  try {
    for await (const part of req.parts({ limits: { fileSize: maxBytes, files: 1 } })) {
      if (part.type !== 'file' || part.fieldname !== field) continue;
      const content = await part.toBuffer().catch((err: unknown) => {
        if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
          throw new AppError(CommonError.file_too_large, {
            params: { mb: Math.round(maxBytes / 1024 / 1024) },
            fields: [{ field, code: CommonError.file_too_large }],
          });
        throw err;
      });
      return { content, name: part.filename || 'upload.xlsx' };
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
  throw missing();
}

/** Headers of a file download; the name may be Chinese (RFC 6266 / 5987). */
export function downloadHeaders(fileName: string, type: string): Record<string, string> {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '');
  return {
    'content-type': type,
    'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
  };
}
