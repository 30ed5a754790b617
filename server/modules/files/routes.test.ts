import fs from 'node:fs';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../platform/audit/tables.ts';
import { files } from '../../platform/files/tables.ts';
import { findSimilarPhotos } from '../../platform/files/service.ts';
import { actorsFor, call, type Session } from '../../test/actors.ts';
import { makeDivisionTree } from '../../test/factories.ts';
import { cameraJpeg, fileForm, plainJpeg, scene } from '../../test/file-support.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';

let t: TestApp;
let tree: Awaited<ReturnType<typeof makeDivisionTree>>;
let worker: Session;
let officer: Session;
let sibling: Session;
beforeAll(async () => {
  t = await createTestApp();
  tree = await makeDivisionTree(t.db);
  const as = actorsFor(t);
  worker = await as.asCommunityWorker(tree.communities[0][0]);
  officer = await as.asStreetOfficer(tree.streets[0]);
  sibling = await as.asStreetOfficer(tree.streets[1]);
});
afterAll(async () => {
  await t?.close();
});

const root = () => path.join(t.config.dataDir, 'files');
const upload = (
  session: Session,
  content: Buffer,
  o: {
    name?: string;
    purpose?: string;
    divisionCode?: string;
    fields?: Record<string, string>;
  } = {},
) => {
  const form = fileForm(content, o.name ?? 'photo.jpg', o.fields);
  return call(t, session, {
    method: 'POST',
    url: '/api/files',
    query: {
      purpose: o.purpose ?? 'visit_photo',
      divisionCode: o.divisionCode ?? tree.communities[0][0].code,
    },
    payload: form.payload,
    headers: form.headers,
  });
};
const storedPath = (key: string) => path.join(root(), ...key.split('/'));
const rowOf = async (id: string) => (await t.db.select().from(files).where(eq(files.id, id)))[0];
const allStored = (): string[] =>
  fs.existsSync(root()) ? (fs.readdirSync(root(), { recursive: true }) as string[]) : [];

describe('POST /api/files with a photo', () => {
  it('keeps the EXIF as data, stores the photo upright without any metadata, with a thumbnail', async () => {
    const original = await cameraJpeg(1, 800, 600);
    expect((await sharp(original).metadata()).exif).toBeDefined();
    const res = await upload(worker, original, {
      name: '张大爷家访.jpg',
      fields: { exif: JSON.stringify({ Make: 'HUAWEI', DateTimeOriginal: '2026:11:30 09:15:00' }) },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const view = res.body;
    expect(view).toMatchObject({
      purpose: 'visit_photo',
      mimeType: 'image/jpeg',
      name: '张大爷家访.jpg',
      width: 600,
      height: 800,
      hasThumbnail: true,
      uploadedBy: worker.user.id,
    });
    expect(view.exif).toMatchObject({
      Make: 'HUAWEI',
      Model: 'Mate 60',
      Orientation: 6,
      DateTimeOriginal: '2026:11:30 09:15:00',
      latitude: 41.8,
      longitude: 123.45,
    });
    expect(view.clientExif).toEqual({ Make: 'HUAWEI', DateTimeOriginal: '2026:11:30 09:15:00' });
    expect(view.phash).toMatch(/^[0-9a-f]{16}$/);

    const row = await rowOf(view.id);
    if (!row?.thumbnailKey) throw new Error('no row or thumbnail');
    const stored = fs.readFileSync(storedPath(row.storageKey));
    const meta = await sharp(stored).metadata();
    expect([meta.width, meta.height]).toEqual([600, 800]);
    expect(meta.exif).toBeUndefined();
    expect(meta.icc).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    expect(stored.includes('HUAWEI')).toBe(false);
    expect(stored.includes(Buffer.from('Exif\0\0'))).toBe(false);
    expect(row.size).toBe(stored.length);

    const thumb = await sharp(fs.readFileSync(storedPath(row.thumbnailKey))).metadata();
    expect(thumb.format).toBe('webp');
    expect(Math.max(thumb.width ?? 0, thumb.height ?? 0)).toBe(320);
    expect(thumb.height).toBeGreaterThan(thumb.width ?? 0); // upright too

    expect(fs.statSync(storedPath(row.storageKey)).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(storedPath(row.storageKey))).mode & 0o777).toBe(0o700);
    expect(allStored().filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('answers the same file again for a retry with the same Idempotency-Key, storing it once', async () => {
    const content = await plainJpeg(1);
    const form = fileForm(content, 'retry.jpg');
    const send = () =>
      call(t, worker, {
        method: 'POST',
        url: '/api/files',
        query: { purpose: 'visit_photo', divisionCode: tree.communities[0][0].code },
        payload: form.payload,
        headers: { ...form.headers, 'idempotency-key': 'photo-retry-0001' },
      });
    const first = await send();
    const again = await send();
    expect(first.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    const rows = await t.db.select().from(files).where(eq(files.sha256, first.body.sha256));
    expect(rows).toHaveLength(1);
  });

  it('finds a resized, recompressed copy within a small distance, and a different picture far', async () => {
    const division = tree.communities[0][1].code;
    const base = await scene(1, 1200, 900).jpeg({ quality: 92 }).toBuffer();
    const copy = await sharp(base).resize(1000).jpeg({ quality: 60 }).toBuffer();
    const other = await scene(2, 1200, 900).jpeg({ quality: 92 }).toBuffer();
    const ids: string[] = [];
    for (const content of [base, copy, other]) {
      const res = await upload(officer, content, { divisionCode: division });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      ids.push(res.body.id);
    }
    const actor = { scope: { divisionCode: division, organisationId: null } };
    const all = await findSimilarPhotos(t.db, actor, ids[0] as string, 64);
    const distance = (id: string) => all.find((s) => s.file.id === id)?.distance;
    expect(distance(ids[1] as string)).toBeLessThanOrEqual(4);
    expect(distance(ids[2] as string)).toBeGreaterThanOrEqual(16);
    const near = await findSimilarPhotos(t.db, actor, ids[0] as string, 8);
    expect(near.map((s) => s.file.id)).toEqual([ids[1]]);
    // a sibling's scope sees neither the photo nor its copies
    const elsewhere = { scope: { divisionCode: tree.streets[1].code, organisationId: null } };
    await expect(findSimilarPhotos(t.db, elsewhere, ids[0] as string, 64)).rejects.toMatchObject({
      code: 'file.not_found',
    });
  });
});

describe('POST /api/files refuses', () => {
  it('a Windows program named .jpg, by its content (415, naming the field), keeping nothing', async () => {
    const before = (await t.db.select().from(files)).length;
    const exe = Buffer.concat([
      Buffer.from('MZ'),
      Buffer.alloc(62),
      Buffer.from('PE\0\0'),
      Buffer.alloc(400, 1),
    ]);
    exe.writeUInt32LE(64, 0x3c);
    const res = await upload(worker, exe, { name: 'photo.jpg' });
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe('file.type_not_allowed');
    expect(res.body.error.message).toContain('上传的文件（file）');
    expect(res.body.error.message).toContain('JPEG、PNG、WebP');
    expect(res.body.error.fields).toEqual([
      expect.objectContaining({ field: 'file', code: 'file.type_not_allowed' }),
    ]);
    expect((await t.db.select().from(files)).length).toBe(before);
  });

  it('an HTML page named .jpg (its content has no image signature)', async () => {
    const html = Buffer.from('<!doctype html><html><script>alert(1)</script></html>');
    const res = await upload(worker, html, { name: 'photo.jpg' });
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe('file.type_not_allowed');
  });

  it('a PDF as a visit photo, though a document may be one', async () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF');
    expect((await upload(worker, pdf, { name: 'a.pdf' })).status).toBe(415);
    const doc = await upload(worker, pdf, { name: '同意书.pdf', purpose: 'document' });
    expect(doc.status, JSON.stringify(doc.body)).toBe(200);
    expect(doc.body).toMatchObject({
      mimeType: 'application/pdf',
      hasThumbnail: false,
      phash: null,
    });
  });

  it('a JPEG that is cut off (400 file.image_invalid)', async () => {
    const whole = await plainJpeg(2);
    const res = await upload(worker, whole.subarray(0, Math.floor(whole.length / 2)));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('file.image_invalid');
  });

  it('a division outside the uploader’s scope (404), and exif that is not a JSON object', async () => {
    const content = await plainJpeg(1);
    const res = await upload(worker, content, { divisionCode: tree.communities[1][0].code });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('file.division_not_found');
    const bad = await upload(worker, content, { fields: { exif: '[1,2]' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('file.exif_invalid');
  });
});

describe('an oversize upload', () => {
  let small: TestApp;
  beforeAll(async () => {
    small = await createTestApp({ env: { FILE_MAX_MB: '0.05' } });
  });
  afterAll(async () => {
    await small?.close();
  });

  it('is refused with 413 while it streams, and nothing is kept: no row, no bytes, no temporary file', async () => {
    const tree2 = await makeDivisionTree(small.db);
    const session = await actorsFor(small).asStreetOfficer(tree2.streets[0]);
    const big = await scene(1, 2000, 1500).jpeg({ quality: 100 }).toBuffer();
    expect(big.length).toBeGreaterThan(60 * 1024);
    const form = fileForm(big, 'big.jpg');
    const res = await call(small, session, {
      method: 'POST',
      url: '/api/files',
      query: { purpose: 'visit_photo', divisionCode: tree2.streets[0].code },
      payload: form.payload,
      headers: form.headers,
    });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('common.file_too_large');
    expect(await small.db.select().from(files)).toEqual([]);
    const dir = path.join(small.config.dataDir, 'files');
    expect(fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true }) : []).toEqual([]);
  });
});

describe('GET /api/files/:id', () => {
  let id: string;
  beforeAll(async () => {
    const res = await upload(worker, await cameraJpeg(2), { name: "老人 (李)'s 照片.jpg" });
    id = res.body.id;
  });

  it('sends the stored bytes as the sniffed type, named by RFC 5987, never to be sniffed', async () => {
    const res = await call(t, officer, { method: 'GET', url: `/api/files/${id}` });
    expect(res.status).toBe(200);
    expect(res.res.headers['content-type']).toBe('image/jpeg');
    expect(res.res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.res.headers['cache-control']).toBe('no-store');
    expect(res.res.headers['content-disposition']).toBe(
      `inline; filename="__ (_)'s __.jpg"; filename*=UTF-8''${encodeURIComponent("老人 (李)'s 照片.jpg").replace(/['()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`,
    );
    const row = await rowOf(id);
    expect(res.res.rawPayload.equals(fs.readFileSync(storedPath(row?.storageKey ?? '')))).toBe(
      true,
    );
    const thumb = await call(t, officer, { method: 'GET', url: `/api/files/${id}/thumbnail` });
    expect(thumb.status).toBe(200);
    expect(thumb.res.headers['content-type']).toBe('image/webp');
    expect((await sharp(thumb.res.rawPayload).metadata()).format).toBe('webp');
  });

  it('writes every download to the audit log: who, which file, which variant', async () => {
    await call(t, officer, { method: 'GET', url: `/api/files/${id}/thumbnail` });
    const entries = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'file.download'), eq(auditLog.entityId, id)));
    expect(entries.length).toBeGreaterThanOrEqual(2);
    expect(entries.map((e) => e.userId)).toContain(officer.user.id);
    expect(entries.map((e) => (e.detail as { variant: string }).variant)).toContain('thumbnail');
  });

  it('answers 404 to a sibling street’s officer, for the file and its thumbnail, and audits nothing', async () => {
    const audited = async () =>
      (await t.db.select().from(auditLog).where(eq(auditLog.entityId, id))).length;
    const before = await audited();
    for (const url of [`/api/files/${id}`, `/api/files/${id}/thumbnail`]) {
      const res = await call(t, sibling, { method: 'GET', url });
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('file.not_found');
    }
    expect(await audited()).toBe(before);
  });
});
