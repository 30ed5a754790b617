import { z } from 'zod';
import { defineErrors, defineValidationMessages, Uuid } from '../../platform/contract/index.ts';

defineValidationMessages({
  visit_photo_key: {
    'zh-CN': '应为“探访的幂等键:photo:序号”，序号 1 至 20',
    'en-US': 'must be "<the visit\'s Idempotency-Key>:photo:<n>", n from 1 to 20',
  },
});

/*
 * The visits contract's photos (re-exported by contract.ts): a visit's photos are uploaded in parts
 * that resume after a cut, each under a key derived from the visit's Idempotency-Key.
 */

/** At most this many photos per visit (`<n>` of a key runs from 1). */
export const MAX_VISIT_PHOTOS = 20;

/** `<the visit's Idempotency-Key>:photo:<n>`. */
export const VisitPhotoKey = z
  .string()
  .regex(/^[\x21-\x7e]{8,100}:photo:([1-9]|1\d|20)$/, { error: 'visit_photo_key' })
  .max(120);

export const visitPhotoKeyParts = (key: string) => {
  const at = key.lastIndexOf(':photo:');
  return { visitKey: key.slice(0, at), n: Number(key.slice(at + ':photo:'.length)) };
};

export const BeginVisitPhotoBody = z.object({
  key: VisitPhotoKey,
  /** Bytes of the whole photo, as it will be sent. */
  size: z.number().int().min(1),
  name: z.string().trim().min(1).max(200).optional(),
  /** What the phone's EXIF reader found before the picture was re-encoded. */
  exif: z.record(z.string(), z.unknown()).optional(),
});

export const VisitPhotoParams = z.object({ key: VisitPhotoKey });

/** A stored photo of a visit, with the nearest photo of another visit when near-identical. */
export const VisitPhotoView = z.object({
  n: z.number().int(),
  fileId: Uuid,
  similar: z.object({ visitId: Uuid, fileId: Uuid, distance: z.number().int() }).nullable(),
});
export type VisitPhotoView = z.infer<typeof VisitPhotoView>;

/** Where an upload stands: the bytes received (send from there); `photo` once it is whole. */
export const VisitPhotoUpload = z.object({
  key: z.string(),
  visitId: Uuid,
  size: z.number().int(),
  received: z.number().int(),
  photo: VisitPhotoView.nullable(),
});
export type VisitPhotoUpload = z.infer<typeof VisitPhotoUpload>;

export const VisitPhotoError = defineErrors('visit_photo', {
  not_found: {
    status: 404,
    'zh-CN': '未找到该照片的上传（key）：请先开始上传',
    'en-US': 'No upload of this photo (key) was begun: begin it first',
  },
  size_changed: {
    status: 409,
    'zh-CN': '该照片（key）已按另一大小开始上传：同一键只能用于同一张照片',
    'en-US': 'This photo (key) was begun with another size: one key is for one photo',
  },
  part_gap: {
    status: 409,
    'zh-CN': '照片的这一段不接续已收到的内容：已收到 {received} 字节，请从那里继续',
    'en-US':
      'This part does not follow what was received: {received} bytes are in, go on from there',
  },
  too_large: {
    status: 413,
    'zh-CN': '照片（size）过大，不能超过 {mb} MB',
    'en-US': 'The photo (size) is too large: at most {mb} MB',
  },
});
