import exifr from 'exifr';

/** EXIF kept as data: JSON values only, text without control characters, bounded in size. */
const MAX_KEYS = 200;
const MAX_ARRAY = 64;
const MAX_TEXT = 500;

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

function clean(value: unknown, depth: number): Json | undefined {
  if (value === null) return null;
  if (typeof value === 'string') {
    const text = value.replace(/[\u0000-\u001f\u007f]/g, '').trim();
    return text.slice(0, MAX_TEXT);
  }
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'boolean') return value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
  if (value instanceof Uint8Array) {
    // short printable byte strings (ExifVersion '0232') read as text; other binary is left out
    const ascii = value.length <= 64 && value.every((b) => b >= 0x20 && b < 0x7f);
    return ascii ? Buffer.from(value).toString('latin1').trim() : undefined;
  }
  if (depth > 3) return undefined;
  if (Array.isArray(value)) {
    const items = value
      .slice(0, MAX_ARRAY)
      .map((v) => clean(v, depth + 1))
      .filter((v) => v !== undefined);
    return items;
  }
  if (typeof value === 'object') {
    const out: Record<string, Json> = {};
    for (const [key, inner] of Object.entries(value).slice(0, MAX_KEYS)) {
      const name = key.replace(/[^\w.:-]/g, '').slice(0, 64);
      const v = clean(inner, depth + 1);
      if (name && v !== undefined) out[name] = v;
    }
    return out;
  }
  return undefined;
}

/** A JSON object fit to store, or null (for what the phone sends and what the server reads). */
export function cleanExif(value: unknown): Record<string, Json> | null {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
  const out = clean(value, 0) as Record<string, Json>;
  return Object.keys(out).length > 0 ? out : null;
}

/**
 * The EXIF block of an image as sharp's metadata gives it ("Exif\0\0" and a TIFF structure), read
 * by exifr: raw tag values with their names (Orientation 6, not 'Rotate 90 CW'), dates as the
 * camera wrote them (no time zone), GPS also as decimal latitude/longitude. Maker notes, thumbnails
 * and other binary blocks are left out. A damaged block reads as null: it never refuses a photo.
 */
export async function readExif(block: Buffer | undefined): Promise<Record<string, Json> | null> {
  if (!block || block.length < 8) return null;
  const tiff = block.subarray(0, 6).toString('latin1') === 'Exif\0\0' ? block.subarray(6) : block;
  try {
    const parsed: unknown = await exifr.parse(tiff, {
      tiff: true,
      exif: true,
      gps: true,
      ifd1: false,
      interop: false,
      makerNote: false,
      userComment: false,
      xmp: false,
      icc: false,
      iptc: false,
      jfif: false,
      ihdr: false,
      translateValues: false,
      reviveValues: false,
      mergeOutput: true,
    });
    return cleanExif(parsed);
  } catch {
    return null;
  }
}
