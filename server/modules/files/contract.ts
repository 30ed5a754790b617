import { z } from 'zod';
import {
  DivisionCode,
  UploadFilePurpose,
  FileView,
  Uuid,
  endpoints,
  fileFieldLabels,
} from '../../platform/contract/index.ts';

export const UploadFileQuery = z.object({ purpose: UploadFilePurpose, divisionCode: DivisionCode });
export const FileParams = z.object({ id: Uuid });

export const fileEndpoints = endpoints(fileFieldLabels, {
  uploadFile: {
    method: 'POST',
    path: '/api/files',
    summary:
      '上传文件（multipart 字段 file；可选字段 exif 为手机读取的照片信息 JSON）：按内容识别类型，照片去除 EXIF 后保存并生成缩略图与感知哈希',
    permission: 'file.upload',
    scope: 'division',
    query: UploadFileQuery,
    upload: 'file',
    response: FileView,
    idempotent: true,
  },
  downloadFile: {
    method: 'GET',
    path: '/api/files/:id',
    summary: '下载文件（按文件所属区划限定范围，每次下载记入审计日志）',
    permission: 'file.read',
    scope: 'division',
    params: FileParams,
    download: 'file',
    response: z.any(),
  },
  downloadFileThumbnail: {
    method: 'GET',
    path: '/api/files/:id/thumbnail',
    summary: '下载照片缩略图（WebP，最长边 320 像素；记入审计日志）',
    permission: 'file.read',
    scope: 'division',
    params: FileParams,
    download: 'file',
    response: z.any(),
  },
});
