import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { scopeWhere, type Actor } from '../access/actor.ts';
import { FileError, filePurposeNames, type FilePurpose, type FileView } from '../contract/files.ts';
import { AppError } from '../http/app-error.ts';
import { getFileRow, toView } from './rows.ts';
import { fileReferences, files } from './tables.ts';

/** A record that uses a file: its entity (e.g. 'visit') and id. */
export type FileReference = { entity: string; entityId: string };

/**
 * Marks a file as used by a record, in the transaction that writes the record. The file must lie in
 * the actor's scope (not_found otherwise, as if it did not exist) and, when given, have the purpose.
 * A referenced file is never collected. Attaching twice is one reference.
 */
export async function attachFile(
  tx: Db,
  actor: Pick<Actor, 'scope'>,
  fileId: string,
  ref: FileReference & { purpose?: FilePurpose },
): Promise<FileView> {
  const row = await getFileRow(tx, actor, fileId);
  if (ref.purpose && row.purpose !== ref.purpose)
    throw new AppError(FileError.purpose_mismatch, {
      params: { purpose: filePurposeNames[ref.purpose] },
      fields: [{ field: 'fileId', code: FileError.purpose_mismatch }],
    });
  await tx
    .insert(fileReferences)
    .values({ fileId, entity: ref.entity, entityId: ref.entityId })
    .onConflictDoNothing();
  return toView(row);
}

/** Removes a record's use of a file; once nothing uses it, it is collected after the grace period. */
export async function detachFile(tx: Db, fileId: string, ref: FileReference): Promise<void> {
  const removed = await tx
    .delete(fileReferences)
    .where(
      and(
        eq(fileReferences.fileId, fileId),
        eq(fileReferences.entity, ref.entity),
        eq(fileReferences.entityId, ref.entityId),
      ),
    )
    .returning({ fileId: fileReferences.fileId });
  if (removed.length > 0)
    await tx
      .update(files)
      .set({ releasedAt: sql`now()` })
      .where(eq(files.id, fileId));
}

/** The files records of one entity use (in one query for many records), oldest first, in the actor's scope. */
export async function filesOf(
  db: Db,
  actor: Pick<Actor, 'scope'>,
  entity: string,
  entityIds: readonly string[],
): Promise<Map<string, FileView[]>> {
  const byRecord = new Map<string, FileView[]>();
  if (entityIds.length === 0) return byRecord;
  const found = await db
    .select({ entityId: fileReferences.entityId, file: files })
    .from(fileReferences)
    .innerJoin(files, eq(files.id, fileReferences.fileId))
    .where(
      and(
        eq(fileReferences.entity, entity),
        inArray(fileReferences.entityId, [...entityIds]),
        scopeWhere(actor, { division: files.divisionCode }),
      ),
    )
    .orderBy(asc(files.createdAt), asc(files.id));
  for (const { entityId, file } of found) {
    const list = byRecord.get(entityId) ?? [];
    list.push(toView(file));
    byRecord.set(entityId, list);
  }
  return byRecord;
}

export type SimilarPhoto = {
  file: FileView;
  distance: number;
  /** With `usedBy`: the record of that entity that uses the photo. */
  usedBy: string | null;
};

/**
 * Photos near the given one (Hamming distance of the 64-bit perceptual hashes, `bit_count` of their
 * XOR in SQL) within the actor's scope, nearest first: 0 is the same picture, up to about 10 a
 * resized or recompressed copy, around 32 unrelated pictures. With `usedBy`, only photos that a
 * record of that entity uses (other than `except`, say the record's own photos), with the record.
 */
export async function findSimilarPhotos(
  db: Db,
  actor: Pick<Actor, 'scope'>,
  fileId: string,
  maxDistance: number,
  opts: {
    limit?: number;
    purpose?: FilePurpose;
    usedBy?: { entity: string; except?: string };
  } = {},
): Promise<SimilarPhoto[]> {
  const target = await getFileRow(db, actor, fileId);
  if (!target.phash) return [];
  const distance = sql<number>`bit_count(${files.phash} # (select t.phash from files t where t.id = ${fileId}))::int`;
  const where = and(
    ne(files.id, fileId),
    sql`${files.phash} is not null`,
    opts.purpose ? eq(files.purpose, opts.purpose) : undefined,
    scopeWhere(actor, { division: files.divisionCode }),
    sql`${distance} <= ${maxDistance}`,
  );
  const limit = opts.limit ?? 50;
  const usedBy = opts.usedBy;
  const found = usedBy
    ? await db
        .select({ file: files, distance, usedBy: fileReferences.entityId })
        .from(files)
        .innerJoin(
          fileReferences,
          and(
            eq(fileReferences.fileId, files.id),
            eq(fileReferences.entity, usedBy.entity),
            usedBy.except !== undefined ? ne(fileReferences.entityId, usedBy.except) : undefined,
          ),
        )
        .where(where)
        .orderBy(asc(distance), asc(files.createdAt))
        .limit(limit)
    : await db
        .select({ file: files, distance, usedBy: sql<null>`null` })
        .from(files)
        .where(where)
        .orderBy(asc(distance), asc(files.createdAt))
        .limit(limit);
  return found.map((r) => ({
    file: toView(r.file),
    distance: Number(r.distance),
    usedBy: r.usedBy ?? null,
  }));
}
