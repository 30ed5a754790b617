import type { FastifyRequest } from 'fastify';
import { CommonError } from '../contract/errors.ts';
import { AppError } from './app-error.ts';

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
