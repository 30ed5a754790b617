import { date, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { subjects } from '../subjects/tables.ts';
import { users } from '../users/tables.ts';
import { sources } from './contract.ts';

/** One value a department holds about a subject, as of a date; sealed (SM4), since any may be sensitive. */
export const sourceValues = pgTable(
  'source_values',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    subjectId: uuid('subject_id')
      .notNull()
      .references(() => subjects.id),
    source: text('source', { enum: sources }).notNull(),
    field: text('field').notNull(),
    valueCipher: text('value_cipher').notNull(),
    asOf: date('as_of').notNull(),
    importedBy: uuid('imported_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('source_values_unique_idx').on(t.subjectId, t.source, t.field, t.asOf),
    index('source_values_subject_idx').on(t.subjectId),
  ],
);
