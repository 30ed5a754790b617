import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { scopeWhere, type Actor } from '../access/actor.ts';
import { FileError, type FilePurpose, type FileView } from '../contract/files.ts';
import { AppError } from '../http/app-error.ts';
import { files } from './tables.ts';

export type FileRow = typeof files.$inferSelect;

export function toView(row: FileRow): FileView {
  return {
    id: row.id,
    purpose: row.purpose as FilePurpose,
    divisionCode: row.divisionCode,
    name: row.originalName,
    mimeType: row.mimeType,
    size: row.size,
    sha256: row.sha256,
    width: row.width,
    height: row.height,
    exif: (row.exif as Record<string, unknown> | null) ?? null,
    clientExif: (row.clientExif as Record<string, unknown> | null) ?? null,
    phash: row.phash ? BigInt(`0b${row.phash}`).toString(16).padStart(16, '0') : null,
    hasThumbnail: row.thumbnailKey !== null,
    uploadedBy: row.uploadedBy,
    createdAt: row.createdAt.toISOString(),
  };
}

/** A file inside the actor's division subtree, or not_found (outside it too: no existence oracle). */
export async function getFileRow(
  db: Db,
  actor: Pick<Actor, 'scope'>,
  id: string,
): Promise<FileRow> {
  const [row] = await db
    .select()
    .from(files)
    .where(and(eq(files.id, id), scopeWhere(actor, { division: files.divisionCode })));
  if (!row) throw new AppError(FileError.not_found);
  return row;
}

export async function getFile(db: Db, actor: Pick<Actor, 'scope'>, id: string): Promise<FileView> {
  return toView(await getFileRow(db, actor, id));
}
