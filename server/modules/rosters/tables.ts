import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { divisions } from '../divisions/tables.ts';
import { subjects } from '../subjects/tables.ts';
import { users } from '../users/tables.ts';
import {
  correctionMonths,
  entryActions,
  removalReasons,
  reviewStates,
  roundStatuses,
} from './contract.ts';

/** A street's roster of one month (V2): the communities compile it, the street reviews it. */
export const rosterRounds = pgTable(
  'roster_rounds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The street (12 digits); the round's scope column. */
    divisionCode: varchar('division_code', { length: 15 }).notNull(),
    /** `YYYY-MM`. */
    month: varchar('month', { length: 7 }).notNull(),
    /** 0: the month's round; 1, 2 …: correction rounds opened after it was approved. */
    sequence: integer('sequence').notNull().default(0),
    status: text('status', { enum: roundStatuses }).notNull().default('open'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    submittedBy: uuid('submitted_by').references(() => users.id),
    /** When and by whom a submission was last taken back before the street decided. */
    reopenedAt: timestamp('reopened_at', { withTimezone: true }),
    reopenedBy: uuid('reopened_by').references(() => users.id),
    /** When and by whom the street last returned the round (approval is `approved_*`). */
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewedBy: uuid('reviewed_by').references(() => users.id),
    reviewComment: text('review_comment'),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    approvedBy: uuid('approved_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('roster_rounds_street_month_idx').on(t.divisionCode, t.month, t.sequence)],
);

/**
 * One change a round proposes: a subject to add, change or remove. The proposed values are sealed
 * (`payload_cipher`, SM4; for a removal, the person's ID number); the plain columns hold only what
 * lists show (masked).
 */
export const rosterEntries = pgTable(
  'roster_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    roundId: uuid('round_id')
      .notNull()
      .references(() => rosterRounds.id),
    /** The community (or grid) of the row; entries are scoped by it. */
    divisionCode: varchar('division_code', { length: 15 }).notNull(),
    action: text('action', { enum: entryActions }).notNull(),
    subjectId: uuid('subject_id').references(() => subjects.id),
    idNumberHash: text('id_number_hash').notNull(),
    idNumberMasked: text('id_number_masked').notNull(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    payloadCipher: text('payload_cipher'),
    /** Keyed hash of the proposed values: the same proposal again is recognised. */
    payloadHash: text('payload_hash'),
    /**
     * Field by field against the live roster: `[{ field, before, after }]`, masked; a masked field
     * also keeps the live value it replaces, sealed (`sealedBefore`, never answered).
     */
    changes:
      jsonb('changes').$type<
        { field: string; before: string | null; after: string | null; sealedBefore?: string }[]
      >(),
    removalReason: text('removal_reason', { enum: removalReasons }),
    removalNote: text('removal_note'),
    reviewState: text('review_state', { enum: reviewStates }).notNull().default('pending'),
    reviewComment: text('review_comment'),
    importId: uuid('import_id'),
    rowNumber: integer('row_number'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('roster_entries_round_person_idx').on(t.roundId, t.idNumberHash),
    index('roster_entries_division_idx').on(t.divisionCode.op('varchar_pattern_ops')),
  ],
);

/** An uploaded file: the same file into the same round again is recognised by its hash. */
export const rosterImports = pgTable(
  'roster_imports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The uploader's scope at the time (their division), for the scope of the record. */
    divisionCode: varchar('division_code', { length: 15 }).notNull(),
    month: varchar('month', { length: 7 }).notNull(),
    fileHash: text('file_hash').notNull(),
    fileName: text('file_name').notNull(),
    accepted: integer('accepted').notNull(),
    /** Rows refused: an attempt that committed nothing is kept for the communities' progress. */
    rejected: integer('rejected').notNull().default(0),
    committed: boolean('committed').notNull().default(true),
    uploadedBy: uuid('uploaded_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('roster_imports_file_idx')
      .on(t.divisionCode, t.month, t.fileHash)
      .where(sql`${t.committed}`),
    index('roster_imports_month_idx').on(t.month, t.divisionCode),
  ],
);

/**
 * What a district has chosen for its streets' rosters: where a change goes once a month's round is
 * approved (`same`: a correction round of the month; `next`: the next month's round). A district
 * without a row follows the deployment's ROSTER_CORRECTIONS.
 */
export const rosterSettings = pgTable('roster_settings', {
  /** The district (12 digits). */
  districtCode: varchar('district_code', { length: 15 })
    .primaryKey()
    .references(() => divisions.code),
  corrections: text('corrections', { enum: correctionMonths }).notNull(),
  /** 1, 2 …: a save names the version it read, and a stale one is refused. */
  version: integer('version').notNull().default(1),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
