import { fileUpload } from '../../platform/files/upload.ts';
import { defineRoutes } from '../../platform/http/define-routes.ts';
import { fileEndpoints } from './contract.ts';
import { filesContext as at } from './context.ts';
import { downloadFile, uploadFile } from './service.ts';

export const fileRoutes = defineRoutes(fileEndpoints, (ctx) => ({
  uploadFile: ({ actor, query, file }) =>
    uploadFile(at(ctx, actor), { ...fileUpload(file), ...query }),
  downloadFile: ({ actor, params }) =>
    downloadFile(at(ctx, actor), { id: params.id, variant: 'original' }),
  downloadFileThumbnail: ({ actor, params }) =>
    downloadFile(at(ctx, actor), { id: params.id, variant: 'thumbnail' }),
}));
