import { createHash, randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { FilesConfig } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { inScope, type Actor } from '../access/actor.ts';
import { audit, type AuditWho } from '../audit/audit.ts';
import {
  allowedFileTypes,
  FileAuditAction,
  FileError,
  filePurposeNames,
  photoTypes,
  privateFilePurposes,
  type FilePurpose,
  type FileView,
} from '../contract/files.ts';
import { AppError } from '../http/app-error.ts';
import type { FileDownload } from '../http/download.ts';
import type { AppContext, Clock } from '../http/context.ts';
import { cleanFileName, readLimited, sniffType, tooLarge } from './content.ts';
import { cleanExif } from './exif.ts';
import { processPhoto, type PhotoType } from './photo.ts';
import { storageKeys, type FileStore } from './store.ts';
import { getFileRow, toView } from './rows.ts';
import { files } from './tables.ts';

/** What the file services need: the database, the store, the limits and the clock. */
export type FileCtx = { db: Db; store: FileStore; config: FilesConfig; clock: Clock };
/** Who stores or reads a file: their scope, and who they are for the audit log. */
export type FileActor = Pick<Actor, 'scope'> & AuditWho & { userId: string | null };

export function fileCtx(ctx: Pick<AppContext, 'db' | 'fileStore' | 'config' | 'clock'>): FileCtx {
  return { db: ctx.db, store: ctx.fileStore, config: ctx.config.files, clock: ctx.clock };
}

export type StoreFileInput = {
  /** The content, whole or as a stream (read up to the size limit, then refused). */
  content: Buffer | Readable;
  name: string;
  purpose: FilePurpose;
  /** Where the file belongs: its scope. */
  divisionCode: string;
  /** EXIF the phone read before its canvas re-encode, kept as the client said it. */
  clientExif?: unknown;
};

const typeNames: Record<string, string> = {
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'image/webp': 'WebP',
  'application/pdf': 'PDF',
};

function refuseType(purpose: FilePurpose, detected: string | null): AppError {
  const allowed = allowedFileTypes[purpose].map((t) => typeNames[t] ?? t);
  return new AppError(FileError.type_not_allowed, {
    params: {
      purpose: filePurposeNames[purpose],
      allowed: { 'zh-CN': allowed.join('、'), 'en-US': allowed.join(', ') },
      detected: detected ?? { 'zh-CN': '无法识别的类型', 'en-US': 'of an unknown type' },
    },
    fields: [{ field: 'file', code: FileError.type_not_allowed }],
  });
}

const isPhoto = (mime: string): mime is PhotoType =>
  (photoTypes as readonly string[]).includes(mime);

/**
 * Stores an uploaded file: read within the size limit, its type sniffed from the content and
 * checked against the purpose; a photo has its EXIF read into the row and is stored upright and
 * stripped of all metadata, with a thumbnail and a perceptual hash. The bytes are written before the
 * row (with its audit row); if the row cannot be written, the bytes go again.
 */
export async function storeFile(
  ctx: FileCtx,
  actor: FileActor,
  input: StoreFileInput,
): Promise<FileView> {
  if (!inScope(actor, input.divisionCode))
    throw new AppError(FileError.division_not_found, {
      fields: [{ field: 'divisionCode', code: FileError.division_not_found }],
    });
  const { maxBytes, maxPixels } = ctx.config;
  const received = Buffer.isBuffer(input.content)
    ? input.content
    : await readLimited(input.content, maxBytes);
  if (received.length > maxBytes) throw tooLarge(maxBytes);
  const sniffed = await sniffType(received);
  if (!sniffed || !allowedFileTypes[input.purpose].includes(sniffed.mime))
    throw refuseType(input.purpose, sniffed ? sniffed.ext.toUpperCase() : null);

  const photo = isPhoto(sniffed.mime)
    ? await processPhoto(received, sniffed.mime, maxPixels)
    : null;
  const content = photo?.content ?? received;
  const id = randomUUID();
  const now = ctx.clock.now();
  const keys = storageKeys(id, now);
  const row: typeof files.$inferInsert = {
    id,
    storageKey: keys.original,
    thumbnailKey: photo ? keys.thumbnail : null,
    sha256: createHash('sha256').update(content).digest('hex'),
    size: content.length,
    mimeType: sniffed.mime,
    originalName: cleanFileName(input.name, sniffed.ext),
    purpose: input.purpose,
    divisionCode: input.divisionCode,
    uploadedBy: actor.userId,
    width: photo?.width ?? null,
    height: photo?.height ?? null,
    exif: photo?.exif ?? null,
    clientExif: cleanExif(input.clientExif),
    phash: photo?.phash ?? null,
    createdAt: now,
  };
  try {
    await ctx.store.put(keys.original, content, sniffed.mime);
    if (photo) await ctx.store.put(keys.thumbnail, photo.thumbnail, 'image/webp');
    const [stored] = await ctx.db.transaction(async (tx) => {
      const inserted = await tx.insert(files).values(row).returning();
      await audit(tx, actor, {
        action: FileAuditAction['file.upload'],
        entity: 'file',
        entityId: id,
        detail: { purpose: input.purpose, mimeType: sniffed.mime, size: content.length },
      });
      return inserted;
    });
    if (!stored) throw new Error('file row not written');
    return toView(stored);
  } catch (err) {
    await Promise.allSettled([ctx.store.delete(keys.original), ctx.store.delete(keys.thumbnail)]);
    throw err;
  }
}

/**
 * The bytes of a file (or of its thumbnail) inside the actor's scope; every download is written to
 * the audit log. Outside the scope, a file without a thumbnail, or one of a private purpose
 * (unless the caller names it), is not_found.
 */
export async function openFile(
  ctx: FileCtx,
  actor: FileActor,
  {
    id,
    variant,
    purpose: opened,
  }: {
    id: string;
    variant: 'original' | 'thumbnail';
    /** A file of a private purpose (an approved export) is opened only by its module, which says so. */
    purpose?: FilePurpose;
  },
): Promise<FileDownload> {
  const row = await getFileRow(ctx.db, actor, id);
  const purpose = row.purpose as FilePurpose;
  if (opened ? purpose !== opened : privateFilePurposes.includes(purpose))
    throw new AppError(FileError.not_found);
  const key = variant === 'original' ? row.storageKey : row.thumbnailKey;
  if (!key) throw new AppError(FileError.not_found);
  const stream = await ctx.store.get(key);
  try {
    await audit(ctx.db, actor, {
      action: FileAuditAction['file.download'],
      entity: 'file',
      entityId: id,
      detail: { variant, purpose: row.purpose },
    });
  } catch (err) {
    stream.destroy();
    throw err;
  }
  return variant === 'original'
    ? { content: stream, fileName: row.originalName, type: row.mimeType, size: row.size }
    : {
        content: stream,
        fileName: row.originalName.replace(/(\.[^.]*)?$/, '.thumb.webp'),
        type: 'image/webp',
      };
}

export { attachFile, detachFile, filesOf, findSimilarPhotos } from './references.ts';
export { getFile, getFileRow, toView, type FileRow } from './rows.ts';
export { collectUnreferencedFiles } from './collect.ts';
