import { z } from 'zod';
import { defineAuditActions } from './audit-actions.ts';
import { DivisionCode, Uuid } from './common.ts';
import { defineErrors } from './errors.ts';
import { defineFieldLabels } from './fields.ts';

/**
 * Stored files (platform/files): what a file is for decides which types it may have. The type is
 * sniffed from the content, never taken from the client.
 */
export const photoTypes = ['image/jpeg', 'image/png', 'image/webp'] as const;
export const filePurposes = ['visit_photo', 'work_order_photo', 'document', 'export'] as const;
export const FilePurpose = z.enum(filePurposes);
export type FilePurpose = z.infer<typeof FilePurpose>;
/**
 * Files only their own module hands out: an approved unmasked export (export-requests) is made by
 * a job, never uploaded, and downloaded once by its requester, never through GET /api/files/:id.
 */
export const privateFilePurposes: readonly FilePurpose[] = ['export'];
export const UploadFilePurpose = FilePurpose.exclude(['export']);

export const allowedFileTypes: Record<FilePurpose, readonly string[]> = {
  visit_photo: photoTypes,
  work_order_photo: photoTypes,
  document: ['application/pdf', ...photoTypes],
  export: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
};

export const filePurposeNames: Record<FilePurpose, { 'zh-CN': string; 'en-US': string }> = {
  visit_photo: { 'zh-CN': '探访照片', 'en-US': 'visit photo' },
  work_order_photo: { 'zh-CN': '工单照片', 'en-US': 'work-order photo' },
  document: { 'zh-CN': '文档', 'en-US': 'document' },
  export: { 'zh-CN': '导出文件', 'en-US': 'export' },
};

export const FileError = defineErrors('file', {
  not_found: { status: 404, 'zh-CN': '未找到该文件', 'en-US': 'The file was not found' },
  division_not_found: {
    status: 404,
    'zh-CN': '未找到该区划（divisionCode）',
    'en-US': 'The division (divisionCode) was not found',
  },
  type_not_allowed: {
    status: 415,
    'zh-CN': '上传的文件（file）类型不符：{purpose}只接受 {allowed}，该文件是 {detected}',
    'en-US':
      'The uploaded file (file) is of the wrong type: a {purpose} must be {allowed}, not {detected}',
  },
  image_invalid: {
    status: 400,
    'zh-CN': '上传的图片（file）无法读取：文件已损坏或不完整',
    'en-US': 'The uploaded image (file) cannot be read: it is damaged or incomplete',
  },
  image_too_many_pixels: {
    status: 400,
    'zh-CN': '上传的图片（file）像素过多，不能超过 {megapixels} 百万像素',
    'en-US': 'The uploaded image (file) has too many pixels: at most {megapixels} megapixels',
  },
  exif_invalid: {
    status: 400,
    'zh-CN': '照片信息（exif）应为不超过 16 KB 的 JSON 对象',
    'en-US': 'The photo data (exif) must be a JSON object of at most 16 KB',
  },
  purpose_mismatch: {
    status: 400,
    'zh-CN': '该文件（fileId）不能用作{purpose}',
    'en-US': 'This file (fileId) cannot be used as a {purpose}',
  },
});

export const FileAuditAction = defineAuditActions({
  'file.upload': { 'zh-CN': '上传文件', 'en-US': 'File uploaded' },
  'file.download': { 'zh-CN': '下载文件', 'en-US': 'File downloaded' },
  'file.collect': { 'zh-CN': '清理无引用文件', 'en-US': 'Unreferenced file removed' },
});

export const fileFieldLabels = defineFieldLabels({
  fileId: { 'zh-CN': '文件', 'en-US': 'File' },
  purpose: { 'zh-CN': '用途', 'en-US': 'Purpose' },
  exif: { 'zh-CN': '照片信息', 'en-US': 'Photo data' },
});

/** A stored file as the API shows it (the storage keys and the uploader's session stay inside). */
export const FileView = z.object({
  id: Uuid,
  purpose: FilePurpose,
  divisionCode: DivisionCode,
  name: z.string(),
  mimeType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  /** EXIF read from the image on the server (the stored image itself has none). */
  exif: z.record(z.string(), z.unknown()).nullable(),
  /** EXIF the phone read before it re-encoded the photo: as the client said, not checked. */
  clientExif: z.record(z.string(), z.unknown()).nullable(),
  /** The 64-bit perceptual hash as 16 hex digits (photos). */
  phash: z.string().nullable(),
  hasThumbnail: z.boolean(),
  uploadedBy: Uuid.nullable(),
  createdAt: z.string(),
});
export type FileView = z.infer<typeof FileView>;
