import {
  date,
  index,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { subjects } from '../subjects/tables.ts';
import { users } from '../users/tables.ts';
import { disagreementStates, sources } from './contract.ts';

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

/**
 * Where the departments (or a department and the roster) disagree on a field of one person: found
 * at each import, worked through by the district or the street. `valuesHash` is a keyed hash of the
 * values it was found (or worked through) with: other values later reopen it. The subject's name and
 * division are copied at each finding (the list is scoped and shown without reading the roster).
 */
export const sourceDisagreements = pgTable(
  'source_disagreements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    subjectId: uuid('subject_id')
      .notNull()
      .references(() => subjects.id),
    divisionCode: varchar('division_code', { length: 15 }).notNull(),
    subjectName: text('subject_name').notNull(),
    field: text('field').notNull(),
    state: text('state', { enum: disagreementStates }).notNull().default('open'),
    resolution: text('resolution'),
    note: text('note'),
    valuesHash: text('values_hash').notNull(),
    detectedAt: timestamp('detected_at', { withTimezone: true }).notNull(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    resolvedBy: uuid('resolved_by').references(() => users.id),
  },
  (t) => [
    uniqueIndex('source_disagreements_subject_field_idx').on(t.subjectId, t.field),
    index('source_disagreements_scope_idx').on(
      t.divisionCode.op('varchar_pattern_ops'),
      t.state,
      t.field,
    ),
  ],
);
