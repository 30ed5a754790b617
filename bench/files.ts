/**
 * `npm run bench:files`: a phone-camera photo of about 4 MB (a noisy 4000 × 3000 JPEG with EXIF)
 * through storeFile on PostgreSQL and the local store: the whole store (sniff, EXIF read, strip and
 * re-encode upright, thumbnail, perceptual hash, two atomic writes, the row and its audit row), and
 * each step alone on the same bytes. Not a timed test.
 */
import { performance } from 'node:perf_hooks';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import pg from 'pg';
import sharp from 'sharp';
import type sharpPhash from 'sharp-phash';
import { parseConfig } from '../server/config.ts';
import { migrateDatabase, openDatabase } from '../server/db/client.ts';
import { sniffType } from '../server/platform/files/content.ts';
import { readExif } from '../server/platform/files/exif.ts';
import { storeFile } from '../server/platform/files/service.ts';
import { localFileStore } from '../server/platform/files/store.ts';
import { systemClock } from '../server/platform/http/context.ts';
import { printTable } from './table.ts';

const phash = createRequire(import.meta.url)('sharp-phash') as typeof sharpPhash.default;
const RUNS = Number(process.env.BENCH_FILES_RUNS ?? 7);
const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = `guanai_bench_files_${process.pid}`;

/** A noisy 4000 × 3000 picture (gradient, shapes, sensor-like noise), JPEG at the quality near 4 MB. */
async function cameraPhoto(): Promise<Buffer> {
  const width = 4000;
  const height = 3000;
  const raw = Buffer.alloc(width * height * 3);
  let seed = 20261201;
  const random = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      const inCircle = (x - 1300) ** 2 + (y - 1500) ** 2 < 900 ** 2;
      const base = inCircle
        ? [190, 60, 50]
        : [80 + (x / width) * 120, 140, 200 - (y / height) * 100];
      for (let c = 0; c < 3; c++)
        raw[i + c] = Math.max(0, Math.min(255, (base[c] ?? 0) + (random() - 0.5) * 36));
    }
  const image = sharp(raw, { raw: { width, height, channels: 3 } });
  let best: Buffer | undefined;
  for (const quality of [85, 90, 92, 94]) {
    const jpeg = await image
      .clone()
      .jpeg({ quality })
      .withExif({
        IFD0: { Make: 'HUAWEI', Model: 'Mate 60' },
        IFD2: { DateTimeOriginal: '2026:11:30 09:15:00' },
        IFD3: {
          GPSLatitudeRef: 'N',
          GPSLatitude: '41/1 48/1 0/1',
          GPSLongitudeRef: 'E',
          GPSLongitude: '123/1 27/1 0/1',
        },
      })
      .withMetadata({ orientation: 6 })
      .toBuffer();
    if (!best || Math.abs(jpeg.length - 4e6) < Math.abs(best.length - 4e6)) best = jpeg;
  }
  return best as Buffer;
}

async function timed(fn: () => Promise<unknown>): Promise<number[]> {
  await fn(); // warm-up
  const out: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await fn();
    out.push(performance.now() - start);
  }
  return out.sort((a, b) => a - b);
}

const row = (name: string, ms: number[], note = '') => [
  name,
  String(ms.length),
  (ms[Math.floor(ms.length / 2)] ?? 0).toFixed(0),
  (ms[ms.length - 1] ?? 0).toFixed(0),
  note,
];

const admin = new pg.Client({ connectionString: serverUrl });
await admin.connect();
await admin.query(`create database ${dbName}`);
const url = new URL(serverUrl);
url.pathname = `/${dbName}`;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guanai-bench-files-'));
const database = await openDatabase({ url: url.toString(), poolSize: 4 });
try {
  await migrateDatabase(database);
  const config = parseConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent' }).files;
  const ctx = {
    db: database.db,
    store: localFileStore(path.join(dir, 'files')),
    config,
    clock: systemClock,
  };
  const actor = {
    userId: null,
    username: 'bench',
    scope: { divisionCode: null, organisationId: null },
  };
  const photo = await cameraPhoto();
  const upright = () => sharp(photo).rotate();
  const phone = await sharp(photo).rotate().resize(1600).jpeg({ quality: 80 }).toBuffer();
  let stored = 0;

  const rows = [
    row(
      'storeFile: the whole store',
      await timed(async () => {
        const view = await storeFile(ctx, actor, {
          content: photo,
          name: '探访照片.jpg',
          purpose: 'visit_photo',
          divisionCode: '210104002001',
        });
        stored = view.size;
      }),
      `stored ${(stored / 1e6).toFixed(2)} MB, EXIF gone`,
    ),
    row(
      '  strip alone, had it been upright (no turn)',
      await timed(() => sharp(photo).jpeg({ quality: 85 }).toBuffer()),
    ),
    row(
      'storeFile: a 1600 × 1200 phone upload',
      await timed(async () =>
        storeFile(ctx, actor, {
          content: phone,
          name: 'phone.jpg',
          purpose: 'visit_photo',
          divisionCode: '210104002001',
        }),
      ),
      `${(phone.length / 1e3).toFixed(0)} KB, what the field app sends`,
    ),
    row('  sniff (file-type)', await timed(() => sniffType(photo))),
    row(
      '  EXIF read (sharp metadata + exifr)',
      await timed(async () => readExif((await sharp(photo).metadata()).exif)),
    ),
    row(
      '  strip: upright, re-encoded JPEG q85',
      await timed(() => upright().jpeg({ quality: 85 }).toBuffer()),
    ),
    row(
      '  thumbnail: 320 px WebP',
      await timed(() =>
        upright().resize(320, 320, { fit: 'inside' }).webp({ quality: 70 }).toBuffer(),
      ),
    ),
    row(
      '  phash of the thumbnail (as stored)',
      await timed(async () =>
        phash(await upright().resize(320, 320, { fit: 'inside' }).webp().toBuffer()),
      ),
    ),
    row('  phash of the full photo (for comparison)', await timed(() => phash(photo))),
  ];
  printTable(
    `A ${(photo.length / 1e6).toFixed(2)} MB 4000 × 3000 JPEG, ${RUNS} runs each after a warm-up (sharp ${sharp.versions.sharp}, libvips ${sharp.versions.vips}, ${os.cpus().length} cores)`,
    rows,
    ['step', 'runs', 'median ms', 'max ms', 'note'],
  );
} finally {
  await database.close();
  await admin.query(`drop database if exists ${dbName} with (force)`);
  await admin.end();
  fs.rmSync(dir, { recursive: true, force: true });
}
