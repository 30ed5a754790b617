import { openFile, fileCtx, storeFile } from '../../platform/files/service.ts';
import { readFileUpload } from '../../platform/files/upload.ts';
import type { FileDownload } from '../../platform/files/service.ts';
import { defineRoutes } from '../../platform/http/define-routes.ts';
import { downloadHeaders } from '../../platform/http/upload.ts';
import type { FastifyReply } from 'fastify';
import { fileEndpoints } from './contract.ts';
import { requireDivision } from './service.ts';

/** A stored file goes out as the type it was sniffed as, never to be sniffed again, never run. */
function sendFile(reply: FastifyReply, file: FileDownload) {
  const inline = file.mimeType.startsWith('image/');
  reply.headers({
    ...downloadHeaders(file.name, file.mimeType, inline ? 'inline' : 'attachment'),
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; sandbox",
    ...(file.size !== undefined ? { 'content-length': String(file.size) } : {}),
  });
  return file.stream;
}

export const fileRoutes = defineRoutes(fileEndpoints, (ctx) => ({
  uploadFile: async ({ actor, query, req }) => {
    await requireDivision(ctx.db, actor, query.divisionCode);
    const upload = await readFileUpload(ctx, req);
    return storeFile(fileCtx(ctx), actor, { ...upload, ...query });
  },
  downloadFile: async ({ actor, params, reply }) =>
    sendFile(reply, await openFile(fileCtx(ctx), actor, params.id, 'original')),
  downloadFileThumbnail: async ({ actor, params, reply }) =>
    sendFile(reply, await openFile(fileCtx(ctx), actor, params.id, 'thumbnail')),
}));
