import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../db/client.ts';
import { actorsFor, call, type Session } from '../../test/actors.ts';
import { cameraJpeg, plainJpeg } from '../../test/file-support.ts';
import { makeCommunity, makeDistrict, makeStreet } from '../../test/factories.ts';
import { createTestApp, createTestClock, type TestApp } from '../../test/harness.ts';
import { makeSubject } from '../../test/subject-factories.ts';

/*
 * A visit's photos: begun under `<the visit's key>:photo:<n>`, sent in parts that resume after a
 * cut (a retried part counts once, a gap is refused with the offset), stored through the platform's
 * files once whole, and a near-identical photo of another visit flags the visit for review.
 */

const clock = createTestClock(new Date('2026-03-10T02:00:00Z'));
let t: TestApp;
let worker: Session;
let visitor: Session;
let other: Session;
let community: string;

beforeAll(async () => {
  t = await createTestApp({ clock });
  const district = (await makeDistrict(t.db)).code;
  const street = (await makeStreet(t.db, { districtCode: district })).code;
  community = (await makeCommunity(t.db, { streetCode: street })).code;
  worker = await actorsFor(t).asCommunityWorker(community);
  visitor = await actorsFor(t).asVisitor(undefined, street);
  other = await actorsFor(t).asVisitor(undefined, street);
});
afterAll(async () => {
  await t?.close();
});

let keys = 0;
const newKey = () => `photo-test-${++keys}-${Date.now()}`;

/** A subject assigned to the visitor, and a home visit of theirs recorded under `key`. */
async function visitWithKey(session: Session, key: string) {
  const s = await makeSubject(t.db, t.ctx.sensitive, { divisionCode: community });
  const assigned = await call(t, worker, {
    method: 'POST',
    url: '/api/assignments',
    payload: { visitorId: session.user.id, subjectIds: [s.id] },
    headers: { 'idempotency-key': newKey() },
  });
  expect(assigned.status).toBe(200);
  const res = await call(t, session, {
    method: 'POST',
    url: '/api/visits',
    headers: { 'idempotency-key': key },
    payload: {
      subjectId: s.id,
      kind: 'home',
      startedAt: '2026-03-10T09:00:00+08:00',
      endedAt: '2026-03-10T09:30:00+08:00',
      outcome: 'met',
      checkIn: { lat: 41.8, lng: 123.45, accuracy: 15, at: '2026-03-10T09:00:00+08:00' },
    },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; flags: string[]; review: string };
}

const begin = (session: Session, payload: Record<string, unknown>) =>
  call(t, session, { method: 'POST', url: '/api/visits/photos', payload });

const put = (session: Session, key: string, bytes: Buffer, start: number, total: number) =>
  call(t, session, {
    method: 'PUT',
    url: `/api/visits/photos/${encodeURIComponent(key)}`,
    payload: bytes,
    headers: {
      'content-type': 'application/octet-stream',
      'content-range': `bytes ${start}-${start + bytes.length - 1}/${total}`,
    },
  });

const getVisit = (session: Session, id: string) =>
  call(t, session, { method: 'GET', url: `/api/visits/${id}` });

describe('a visit photo uploaded in parts', () => {
  it('resumes after a cut, counts a retried part once, and stores the photo with its EXIF as data', async () => {
    const visitKey = newKey();
    const visit = await visitWithKey(visitor, visitKey);
    const photo = await cameraJpeg(11);
    const key = `${visitKey}:photo:1`;
    const exif = { Make: 'HUAWEI', DateTimeOriginal: '2026-03-10T09:05:00+08:00' };

    const begun = await begin(visitor, { key, size: photo.length, exif });
    expect(begun.status, JSON.stringify(begun.body)).toBe(201);
    expect(begun.body).toMatchObject({ key, visitId: visit.id, received: 0, photo: null });
    // begun again (the answer was lost): where it stands, nothing new
    expect((await begin(visitor, { key, size: photo.length })).body).toMatchObject({ received: 0 });

    const third = Math.floor(photo.length / 3);
    const first = await put(visitor, key, photo.subarray(0, third), 0, photo.length);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({ received: third, photo: null });
    // the same part again (its answer lost in the cut): counted once
    expect((await put(visitor, key, photo.subarray(0, third), 0, photo.length)).body).toMatchObject(
      {
        received: third,
      },
    );
    // a part past what was received: refused with the offset to go on from
    const gap = await put(visitor, key, photo.subarray(third + 10), third + 10, photo.length);
    expect(gap.status).toBe(409);
    expect(gap.body).toMatchObject({ error: { code: 'visit_photo.part_gap' } });
    expect((gap.body as { error: { message: string } }).error.message).toContain(String(third));
    const progress = await call(t, visitor, {
      method: 'GET',
      url: `/api/visits/photos/${encodeURIComponent(key)}`,
    });
    expect(progress.body).toMatchObject({ received: third });
    // a part overlapping what was received adds only what is new; the rest completes it
    const overlap = await put(
      visitor,
      key,
      photo.subarray(third - 5, 2 * third),
      third - 5,
      photo.length,
    );
    expect(overlap.body).toMatchObject({ received: 2 * third });
    const last = await put(visitor, key, photo.subarray(2 * third), 2 * third, photo.length);
    expect(last.status, JSON.stringify(last.body)).toBe(200);
    const stored = (last.body as { photo: { fileId: string; n: number; similar: unknown } }).photo;
    expect(stored).toMatchObject({ n: 1, similar: null });

    const [file] = await rows<{
      client_exif: unknown;
      exif: { make?: string } | null;
      purpose: string;
    }>(t.db, sql`select client_exif, exif, purpose from files where id = ${stored.fileId}`);
    expect(file?.purpose).toBe('visit_photo');
    expect(file?.client_exif).toMatchObject({ Make: 'HUAWEI' });
    const parts = await rows(
      t.db,
      sql`select 1 from visit_photo_parts p join visit_photos v on v.id = p.photo_id where v.key = ${key}`,
    );
    expect(parts).toHaveLength(0);

    // the photo is on the visit, its thumbnail can be opened, and a part sent again changes nothing
    const seen = await getVisit(visitor, visit.id);
    expect((seen.body as { photos: unknown[] }).photos).toEqual([stored]);
    const thumb = await call(t, visitor, {
      method: 'GET',
      url: `/api/files/${stored.fileId}/thumbnail`,
    });
    expect(thumb.status).toBe(200);
    expect(
      (await put(visitor, key, photo.subarray(2 * third), 2 * third, photo.length)).body,
    ).toMatchObject({
      photo: stored,
    });
    const audited = await rows(
      t.db,
      sql`select 1 from audit_log where action = 'visit.photo' and entity_id = ${visit.id}`,
    );
    expect(audited).toHaveLength(1);
  });

  it('flags a visit whose photo is near-identical to one of another visit', async () => {
    const picture = await plainJpeg(21, 640, 480);
    const send = async (visitKey: string, content: Buffer, n = 1) => {
      const key = `${visitKey}:photo:${n}`;
      expect((await begin(visitor, { key, size: content.length })).status).toBe(201);
      const res = await put(visitor, key, content, 0, content.length);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return (res.body as { photo: { fileId: string; similar: { visitId: string } | null } }).photo;
    };
    const firstKey = newKey();
    const first = await visitWithKey(visitor, firstKey);
    expect((await send(firstKey, picture)).similar).toBeNull();
    // a second photo alike on the same visit is no anomaly
    expect((await send(firstKey, picture, 2)).similar).toBeNull();
    expect(((await getVisit(visitor, first.id)).body as { flags: string[] }).flags).not.toContain(
      'duplicate_photo',
    );

    const secondKey = newKey();
    const second = await visitWithKey(visitor, secondKey);
    const recompressed = await sharp(picture).resize(600).jpeg({ quality: 70 }).toBuffer();
    const copy = await send(secondKey, recompressed);
    expect(copy.similar).toMatchObject({ visitId: first.id });
    const flagged = (await getVisit(visitor, second.id)).body as {
      review: string;
      flags: string[];
    };
    expect(flagged.review).toBe('flagged');
    expect(flagged.flags).toContain('duplicate_photo');

    const thirdKey = newKey();
    const third = await visitWithKey(visitor, thirdKey);
    expect((await send(thirdKey, await plainJpeg(22, 640, 480))).similar).toBeNull();
    expect(((await getVisit(visitor, third.id)).body as { flags: string[] }).flags).not.toContain(
      'duplicate_photo',
    );
  });

  it('refuses a photo of a visit not yet sent, of another visitor, too large or not a picture', async () => {
    const missing = await begin(visitor, { key: `${newKey()}:photo:1`, size: 100 });
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({
      error: {
        code: 'visit.not_found',
        fields: [{ field: 'key' }],
      },
    });

    const visitKey = newKey();
    await visitWithKey(visitor, visitKey);
    const key = `${visitKey}:photo:2`;
    expect((await begin(other, { key, size: 100 })).status).toBe(404);
    const big = await begin(visitor, { key, size: t.ctx.config.files.maxBytes + 1 });
    expect(big.status).toBe(413);
    expect(big.body).toMatchObject({
      error: { code: 'visit_photo.too_large', fields: [{ field: 'size' }] },
    });
    const hugeExif = await begin(visitor, { key, size: 100, exif: { Note: 'x'.repeat(20_000) } });
    expect(hugeExif.status).toBe(400);
    expect(hugeExif.body).toMatchObject({
      error: { code: 'file.exif_invalid', fields: [{ field: 'exif' }] },
    });
    const badKey = await begin(visitor, { key: 'short:photo:99', size: 10 });
    expect(badKey.status).toBe(400);
    expect(badKey.body).toMatchObject({ error: { fields: [{ field: 'key' }] } });

    const text = Buffer.from('not a picture at all, only words');
    expect((await begin(visitor, { key, size: text.length })).status).toBe(201);
    expect((await begin(visitor, { key, size: text.length + 1 })).body).toMatchObject({
      error: {
        code: 'visit_photo.size_changed',
      },
    });
    const wrongTotal = await put(visitor, key, text, 0, text.length + 5);
    expect(wrongTotal.status).toBe(400);
    expect(wrongTotal.body).toMatchObject({ error: { code: 'common.range_invalid' } });
    const refused = await put(visitor, key, text, 0, text.length);
    expect(refused.status).toBe(415);
    // the refused upload is gone: the phone begins again
    expect(
      (
        await call(t, visitor, {
          method: 'GET',
          url: `/api/visits/photos/${encodeURIComponent(key)}`,
        })
      ).body,
    ).toMatchObject({ error: { code: 'visit_photo.not_found' } });
  });

  it('refuses a part that is not raw bytes or whose range does not match, and raw bytes elsewhere', async () => {
    const visitKey = newKey();
    await visitWithKey(visitor, visitKey);
    const key = `${visitKey}:photo:3`;
    await begin(visitor, { key, size: 10 });
    const json = await call(t, visitor, {
      method: 'PUT',
      url: `/api/visits/photos/${encodeURIComponent(key)}`,
      payload: { bytes: 'x' },
    });
    expect(json.status).toBe(400);
    expect(json.body).toMatchObject({ error: { code: 'common.part_required' } });
    const badRange = await call(t, visitor, {
      method: 'PUT',
      url: `/api/visits/photos/${encodeURIComponent(key)}`,
      payload: Buffer.alloc(4),
      headers: { 'content-type': 'application/octet-stream', 'content-range': 'bytes 0-9/10' },
    });
    expect(badRange.status).toBe(400);
    expect(badRange.body).toMatchObject({
      error: {
        code: 'common.range_invalid',
        fields: [{ field: 'Content-Range' }],
      },
    });
    const elsewhere = await call(t, visitor, {
      method: 'POST',
      url: '/api/visits/photos',
      payload: Buffer.from('{}'),
      headers: { 'content-type': 'application/octet-stream' },
    });
    expect(elsewhere.status).toBe(415);
  });
});
