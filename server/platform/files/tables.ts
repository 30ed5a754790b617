import { sql } from 'drizzle-orm';
import {
  bigint,
  bit,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';

/**
 * Stored files: the bytes live in the file store (the data folder, or an S3-compatible bucket)
 * under `storage_key`; this row is what is known about them. Photos are stored with every metadata
 * block stripped; what their EXIF said is kept here as data. `division_code` is the scope: a file is
 * seen only by those whose division subtree holds it.
 */
export const files = pgTable(
  'files',
  {
    id: uuid('id').primaryKey(),
    storageKey: text('storage_key').notNull().unique(),
    thumbnailKey: text('thumbnail_key'),
    /** Of the stored bytes (what a download sends). */
    sha256: varchar('sha256', { length: 64 }).notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    /** Sniffed from the content. */
    mimeType: text('mime_type').notNull(),
    originalName: text('original_name').notNull(),
    purpose: text('purpose').notNull(),
    divisionCode: varchar('division_code', { length: 15 }).notNull(),
    uploadedBy: uuid('uploaded_by'),
    width: integer('width'),
    height: integer('height'),
    exif: jsonb('exif'),
    clientExif: jsonb('client_exif'),
    phash: bit('phash', { dimensions: 64 }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** When its last reference went (a detached file gets the grace period again). */
    releasedAt: timestamp('released_at', { withTimezone: true }),
  },
  (t) => [
    index('files_division_idx').on(t.divisionCode.op('varchar_pattern_ops')),
    index('files_created_at_idx').on(t.createdAt),
    index('files_phash_idx')
      .on(t.purpose, t.divisionCode.op('varchar_pattern_ops'))
      .where(sql`phash is not null`),
  ],
);

/** Which record uses which file; a file no row here names is collected after a grace period. */
export const fileReferences = pgTable(
  'file_references',
  {
    fileId: uuid('file_id')
      .notNull()
      .references(() => files.id),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.fileId, t.entity, t.entityId] }),
    index('file_references_entity_idx').on(t.entity, t.entityId),
  ],
);
