import { randomBytes } from 'node:crypto';
import sharp, { type Sharp } from 'sharp';
import type { FilePurpose, FileView } from '../platform/contract/files.ts';
import { fileCtx, storeFile } from '../platform/files/service.ts';
import type { TestApp } from './harness.ts';

/**
 * Pictures for the file tests: `scene` draws shapes that a perceptual hash tells apart (seed 1 and
 * seed 2 are different pictures); `withCameraExif` adds what a phone camera writes.
 */
export function scene(seed: number, width = 800, height = 600): Sharp {
  const shapes =
    seed % 2 === 1
      ? `<circle cx="${width * 0.3}" cy="${height * 0.5}" r="${height * 0.3}" fill="#c0392b"/>
         <rect x="${width * 0.6}" y="${height * 0.1}" width="${width * 0.25}" height="${height * 0.7}" fill="#2c3e50"/>`
      : `<rect x="0" y="${height * 0.55}" width="${width}" height="${height * 0.45}" fill="#1e8449"/>
         <circle cx="${width * 0.75}" cy="${height * 0.25}" r="${height * 0.15}" fill="#f4d03f"/>
         <rect x="${width * 0.1}" y="${height * 0.2}" width="${width * 0.2}" height="${height * 0.3}" fill="#7d3c98"/>`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <defs><linearGradient id="g"><stop offset="0" stop-color="#eeeeee"/><stop offset="1" stop-color="#5dade2"/></linearGradient></defs>
    <rect width="100%" height="100%" fill="url(#g)"/>${shapes}</svg>`;
  return sharp(Buffer.from(svg));
}

export const cameraExif = {
  IFD0: { Make: 'HUAWEI', Model: 'Mate 60', Software: 'test' },
  IFD2: { DateTimeOriginal: '2026:11:30 09:15:00', OffsetTimeOriginal: '+08:00' },
  IFD3: {
    GPSLatitudeRef: 'N',
    GPSLatitude: '41/1 48/1 0/1',
    GPSLongitudeRef: 'E',
    GPSLongitude: '123/1 27/1 0/1',
  },
};

/** A JPEG as a phone camera writes it: EXIF with the camera, the time, the place; orientation 6 (turned). */
export function cameraJpeg(seed = 1, width = 800, height = 600): Promise<Buffer> {
  return scene(seed, width, height)
    .jpeg({ quality: 90 })
    .withExif(cameraExif)
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

export function plainJpeg(seed = 1, width = 400, height = 300): Promise<Buffer> {
  return scene(seed, width, height).jpeg().toBuffer();
}

/** A multipart body with the file in `file` and other text fields before it. */
export function fileForm(
  content: Buffer,
  fileName: string,
  fields: Record<string, string> = {},
  type = 'image/jpeg',
) {
  const boundary = `----guanai${randomBytes(8).toString('hex')}`;
  const texts = Object.entries(fields).map(
    ([name, value]) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  const payload = Buffer.concat([
    Buffer.from(texts.join('')),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\n` +
        `Content-Type: ${type}\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** A photo stored in a division through the service (as an unscoped uploader). */
export async function makeStoredPhoto(
  t: TestApp,
  divisionCode: string,
  o: { seed?: number; purpose?: FilePurpose; content?: Buffer } = {},
): Promise<FileView> {
  return storeFile(
    fileCtx(t.ctx),
    { userId: null, username: 'test', scope: { divisionCode: null, organisationId: null } },
    {
      content: o.content ?? (await plainJpeg(o.seed ?? 1)),
      name: '探访照片.jpg',
      purpose: o.purpose ?? 'visit_photo',
      divisionCode,
    },
  );
}
