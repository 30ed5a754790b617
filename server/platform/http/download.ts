import type { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { XLSX_TYPE } from '../excel/export.ts';

/**
 * What the handler of a declared download (`Endpoint.download`) answers: the bytes (whole or as a
 * stream) and the name the file is saved as; defineRoutes sets the headers. An .xlsx (a template, an
 * export with its watermark inside the workbook) is XLSX_TYPE; a stored file names the type it was
 * sniffed as and its size when known.
 */
export type XlsxDownload = { content: Buffer | Readable; fileName: string };
export type FileDownload = XlsxDownload & { type: string; size?: number };
export type DownloadOf<Kind> = Kind extends 'file' ? FileDownload : XlsxDownload;

/**
 * Sends a download: its type, its name (RFC 6266 / 5987, the name may be Chinese), never cached,
 * never sniffed. A stored file goes out as the type it was sniffed as and is never run (a sandbox);
 * a photo shows inline, anything else is saved.
 */
export function sendDownload(
  reply: FastifyReply,
  kind: 'xlsx' | 'file',
  answer: XlsxDownload | FileDownload,
): Buffer | Readable {
  const type = kind === 'file' && 'type' in answer ? answer.type : XLSX_TYPE;
  const inline = kind === 'file' && type.startsWith('image/');
  const size = 'size' in answer ? answer.size : undefined;
  reply.headers({
    ...downloadHeaders(answer.fileName, type, inline ? 'inline' : 'attachment'),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...(kind === 'file' ? { 'content-security-policy': "default-src 'none'; sandbox" } : {}),
    ...(size !== undefined ? { 'content-length': String(size) } : {}),
  });
  return answer.content;
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
