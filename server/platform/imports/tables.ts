import { integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * How far the check of an upload has come (platform/imports/progress.ts), one row per upload keyed
 * like its answer (the uploader and the request's Idempotency-Key), so that any app process can
 * answer the console's poll; written at most every half second, pruned after a day.
 */
export const importProgress = pgTable(
  'import_progress',
  {
    userId: uuid('user_id').notNull(),
    key: text('key').notNull(),
    /** reading (the file's rows), checking (each row), writing (an import's rows), done. */
    phase: text('phase').notNull(),
    /** Rows read or checked so far. */
    done: integer('done').notNull(),
    /** The rows there are (while reading, an estimate from the bytes read), if known. */
    total: integer('total'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] })],
);
