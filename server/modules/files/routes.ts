import { openFile, fileCtx, storeFile } from '../../platform/files/service.ts';
import { fileUpload } from '../../platform/files/upload.ts';
import { defineRoutes } from '../../platform/http/define-routes.ts';
import { fileEndpoints } from './contract.ts';
import { requireDivision } from './service.ts';

export const fileRoutes = defineRoutes(fileEndpoints, (ctx) => ({
  uploadFile: async ({ actor, query, file }) => {
    await requireDivision(ctx.db, actor, query.divisionCode);
    return storeFile(fileCtx(ctx), actor, { ...fileUpload(file), ...query });
  },
  downloadFile: ({ actor, params }) => openFile(fileCtx(ctx), actor, params.id, 'original'),
  downloadFileThumbnail: ({ actor, params }) =>
    openFile(fileCtx(ctx), actor, params.id, 'thumbnail'),
}));
