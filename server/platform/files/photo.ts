import { createRequire } from 'node:module';
import sharp, { type Sharp } from 'sharp';
import type sharpPhash from 'sharp-phash';
import { FileError } from '../contract/files.ts';
import { AppError } from '../http/app-error.ts';
import { readExif } from './exif.ts';

/** sharp-phash is CommonJS whose types describe an ES default export: loaded as what it is. */
const phash = createRequire(import.meta.url)('sharp-phash') as typeof sharpPhash.default;

export const THUMBNAIL_PX = 320;
export type PhotoType = 'image/jpeg' | 'image/png' | 'image/webp';

export type ProcessedPhoto = {
  /** The image to store: turned upright, every metadata block (EXIF, XMP, ICC, IPTC) left out. */
  content: Buffer;
  width: number;
  height: number;
  exif: Record<string, unknown> | null;
  /** At most THUMBNAIL_PX on its longer side, WebP. */
  thumbnail: Buffer;
  /** 64 bits as '0'/'1' (sharp-phash), of the upright image. */
  phash: string;
};

const invalid = () =>
  new AppError(FileError.image_invalid, {
    fields: [{ field: 'file', code: FileError.image_invalid }],
  });

/**
 * A photo as it is stored: EXIF read into data first, then the image turned upright by its EXIF
 * orientation and written again in its own format without any metadata; a thumbnail; the perceptual
 * hash of the upright image (taken from the thumbnail: the hash looks at 32 × 32 grey pixels).
 */
export async function processPhoto(
  input: Buffer,
  type: PhotoType,
  maxPixels: number,
): Promise<ProcessedPhoto> {
  const meta = await sharp(input, { limitInputPixels: false })
    .metadata()
    .catch(() => {
      throw invalid();
    });
  if (!meta.width || !meta.height) throw invalid();
  if (meta.width * meta.height > maxPixels)
    throw new AppError(FileError.image_too_many_pixels, {
      params: { megapixels: Math.floor(maxPixels / 1_000_000) },
      fields: [{ field: 'file', code: FileError.image_too_many_pixels }],
    });
  const exif = await readExif(meta.exif);
  const upright = () => sharp(input, { limitInputPixels: maxPixels, failOn: 'error' }).rotate();
  const encode = (image: Sharp) => {
    switch (type) {
      case 'image/jpeg':
        return image.jpeg({ quality: 85 });
      case 'image/png':
        return image.png();
      case 'image/webp':
        return image.webp({ quality: 85 });
    }
  };
  try {
    const [stored, thumbnail] = await Promise.all([
      encode(upright()).toBuffer({ resolveWithObject: true }),
      upright()
        .resize(THUMBNAIL_PX, THUMBNAIL_PX, { fit: 'inside', withoutEnlargement: true })
        .webp({ quality: 70 })
        .toBuffer(),
    ]);
    return {
      content: stored.data,
      width: stored.info.width,
      height: stored.info.height,
      exif,
      thumbnail,
      phash: await phash(thumbnail),
    };
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw invalid();
  }
}
