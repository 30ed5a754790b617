import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../../db/client.ts';
import { audit } from '../../../platform/audit/audit.ts';
import {
  attachFile,
  findSimilarPhotos,
  storeFile,
  type FileCtx,
} from '../../../platform/files/service.ts';
import { CommonError } from '../../../platform/contract/errors.ts';
import { FileError } from '../../../platform/contract/files.ts';
import { cleanExif } from '../../../platform/files/exif.ts';
import { AppError, isAppError } from '../../../platform/http/app-error.ts';
import { TEXT_FIELD_MAX_BYTES, type UploadPart } from '../../../platform/http/upload.ts';
import {
  VisitError,
  VisitPhotoError,
  visitPhotoKeyParts,
  type BeginVisitPhotoBody,
  type VisitPhotoUpload,
  type VisitPhotoView,
} from '../contract.ts';
import type { VisitsContext } from '../context.ts';
import { visitPhotoParts, visitPhotos, visits } from '../tables.ts';

type PhotoRow = typeof visitPhotos.$inferSelect;

const keyError = (code: string) => ({ fields: [{ field: 'key', code }] });

function status(row: PhotoRow): VisitPhotoUpload {
  return {
    key: row.key,
    visitId: row.visitId,
    size: row.size,
    received: row.received,
    photo: row.fileId ? photoView(row) : null,
  };
}

function photoView(row: PhotoRow): VisitPhotoView {
  return {
    n: row.n,
    fileId: row.fileId as string,
    similar:
      row.similarFileId && row.similarVisitId && row.similarDistance !== null
        ? { visitId: row.similarVisitId, fileId: row.similarFileId, distance: row.similarDistance }
        : null,
  };
}

async function photoRow(db: Db, c: VisitsContext, key: string, lock = false) {
  const query = db
    .select()
    .from(visitPhotos)
    .where(and(eq(visitPhotos.visitorId, c.actor.userId), eq(visitPhotos.key, key)));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

/**
 * POST /api/visits/photos: begins the upload of a photo of one of the caller's visits, found by
 * the visit's Idempotency-Key in the photo's key. Begun again (a phone that lost the answer), it
 * answers where the upload stands.
 */
export async function beginVisitPhoto(
  c: VisitsContext,
  files: FileCtx,
  body: z.infer<typeof BeginVisitPhotoBody>,
): Promise<VisitPhotoUpload> {
  if (body.size > files.config.maxBytes)
    throw new AppError(VisitPhotoError.too_large, {
      params: { mb: Math.round(files.config.maxBytes / 1024 / 1024) },
      fields: [{ field: 'size', code: VisitPhotoError.too_large }],
    });
  // the EXIF a phone read is held to what a multipart upload's `exif` field may be (16 KB)
  if (body.exif && Buffer.byteLength(JSON.stringify(body.exif)) > TEXT_FIELD_MAX_BYTES)
    throw new AppError(FileError.exif_invalid, {
      fields: [{ field: 'exif', code: FileError.exif_invalid }],
    });
  const { visitKey, n } = visitPhotoKeyParts(body.key);
  const [visit] = await c.db
    .select({ id: visits.id })
    .from(visits)
    .where(and(eq(visits.visitorId, c.actor.userId), eq(visits.clientKey, visitKey)));
  if (!visit) throw new AppError(VisitError.not_found, keyError(VisitError.not_found));
  await c.db
    .insert(visitPhotos)
    .values({
      visitorId: c.actor.userId,
      key: body.key,
      visitId: visit.id,
      n,
      size: body.size,
      name: body.name ?? `photo-${n}.jpg`,
      clientExif: cleanExif(body.exif),
      createdAt: c.now,
    })
    .onConflictDoNothing();
  const row = await photoRow(c.db, c, body.key);
  if (!row) throw new Error('the photo upload was not begun');
  if (row.size !== body.size)
    throw new AppError(VisitPhotoError.size_changed, keyError(VisitPhotoError.size_changed));
  return status(row);
}

/**
 * PUT /api/visits/photos/:key: a part of the photo. A part that starts at or before what was
 * received adds only what is new (a retried part is recognised); one that leaves a gap is refused
 * with the offset to go on from. The last byte in, the photo is stored.
 */
export async function putVisitPhotoPart(
  c: VisitsContext,
  files: FileCtx,
  input: { key: string; part: UploadPart },
): Promise<VisitPhotoUpload> {
  const { key, part } = input;
  const row = await c.db.transaction(async (tx) => {
    const found = await photoRow(tx, c, key, true);
    if (!found) throw new AppError(VisitPhotoError.not_found, keyError(VisitPhotoError.not_found));
    if (part.total !== found.size)
      throw new AppError(CommonError.range_invalid, {
        fields: [{ field: 'Content-Range', code: CommonError.range_invalid }],
      });
    if (found.fileId) return found;
    if (part.start > found.received)
      throw new AppError(VisitPhotoError.part_gap, {
        params: { received: found.received },
        fields: [{ field: 'Content-Range', code: VisitPhotoError.part_gap }],
      });
    const fresh = part.content.subarray(found.received - part.start);
    if (fresh.length === 0) return found;
    await tx
      .insert(visitPhotoParts)
      .values({ photoId: found.id, offset: found.received, content: Buffer.from(fresh) });
    const [updated] = await tx
      .update(visitPhotos)
      .set({ received: found.received + fresh.length })
      .where(eq(visitPhotos.id, found.id))
      .returning();
    return updated as PhotoRow;
  });
  return status(await completed(c, files, row));
}

/** GET /api/visits/photos/:key: where the upload stands (a whole one not yet stored is, now). */
export async function visitPhotoUpload(
  c: VisitsContext,
  files: FileCtx,
  key: string,
): Promise<VisitPhotoUpload> {
  const row = await photoRow(c.db, c, key);
  if (!row) throw new AppError(VisitPhotoError.not_found, keyError(VisitPhotoError.not_found));
  return status(await completed(c, files, row));
}

/**
 * A whole photo stored through the platform's files (its EXIF read, the image stripped, a
 * thumbnail and a perceptual hash) and attached to its visit; the nearest photo of another visit
 * within the configured bits flags the visit for review. The processing runs outside any
 * transaction; should two requests finish the same photo, the first attaches its file and the
 * other's is left unreferenced (collected). A picture the files refuse ends its upload: the phone
 * begins again.
 */
async function completed(c: VisitsContext, files: FileCtx, row: PhotoRow): Promise<PhotoRow> {
  if (row.fileId || row.received < row.size) return row;
  const parts = await c.db
    .select({ content: visitPhotoParts.content })
    .from(visitPhotoParts)
    .where(eq(visitPhotoParts.photoId, row.id))
    .orderBy(asc(visitPhotoParts.offset));
  const [visit] = await c.db
    .select({ divisionCode: visits.divisionCode, review: visits.review })
    .from(visits)
    .where(eq(visits.id, row.visitId));
  if (!visit) throw new Error('the photo has no visit');
  const stored = await storeFile(files, c.actor, {
    content: Buffer.concat(parts.map((p) => p.content)),
    name: row.name,
    purpose: 'visit_photo',
    divisionCode: visit.divisionCode,
    clientExif: row.clientExif ?? undefined,
  }).catch(async (err: unknown) => {
    if (isAppError(err)) await c.db.delete(visitPhotos).where(eq(visitPhotos.id, row.id));
    throw err;
  });
  return c.db.transaction(async (tx) => {
    const current = await photoRow(tx, c, row.key, true);
    if (!current || current.fileId) return current ?? row;
    await attachFile(tx, c.actor, stored.id, {
      entity: 'visit',
      entityId: row.visitId,
      purpose: 'visit_photo',
    });
    const similar = await nearestOfAnotherVisit(tx, c, stored.id, row.visitId);
    const [done] = await tx
      .update(visitPhotos)
      .set({
        fileId: stored.id,
        completedAt: c.now,
        similarFileId: similar?.fileId ?? null,
        similarVisitId: similar?.visitId ?? null,
        similarDistance: similar?.distance ?? null,
      })
      .where(eq(visitPhotos.id, row.id))
      .returning();
    await tx.delete(visitPhotoParts).where(eq(visitPhotoParts.photoId, row.id));
    if (similar)
      await tx
        .update(visits)
        .set({
          flags: sql`case when 'duplicate_photo' = any(${visits.flags}) then ${visits.flags}
            else array_append(${visits.flags}, 'duplicate_photo') end`,
          review: sql`case when ${visits.review} = 'returned' then 'returned' else 'flagged' end`,
        })
        .where(eq(visits.id, row.visitId));
    await audit(tx, c.actor, {
      action: 'visit.photo',
      entity: 'visit',
      entityId: row.visitId,
      detail: { fileId: stored.id, n: row.n, similarTo: similar?.fileId ?? null },
    });
    return done as PhotoRow;
  });
}

/** The nearest near-identical photo attached to another visit, in the caller's scope. */
async function nearestOfAnotherVisit(
  tx: Db,
  c: VisitsContext,
  fileId: string,
  visitId: string,
): Promise<{ fileId: string; visitId: string; distance: number } | null> {
  const [nearest] = await findSimilarPhotos(tx, c.actor, fileId, c.config.photoSimilarBits, {
    purpose: 'visit_photo',
    limit: 1,
    usedBy: { entity: 'visit', except: visitId },
  });
  return nearest?.usedBy
    ? { fileId: nearest.file.id, visitId: nearest.usedBy, distance: nearest.distance }
    : null;
}

/** The stored photos of visits, in order. */
export async function photosOf(
  db: Db,
  visitIds: readonly string[],
): Promise<Map<string, VisitPhotoView[]>> {
  const byVisit = new Map<string, VisitPhotoView[]>();
  if (visitIds.length === 0) return byVisit;
  const rows = await db
    .select()
    .from(visitPhotos)
    .where(and(inArray(visitPhotos.visitId, [...visitIds]), sql`${visitPhotos.fileId} is not null`))
    .orderBy(asc(visitPhotos.n));
  for (const row of rows) {
    const list = byVisit.get(row.visitId) ?? [];
    list.push(photoView(row));
    byVisit.set(row.visitId, list);
  }
  return byVisit;
}
