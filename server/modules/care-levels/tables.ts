import {
  boolean,
  date,
  index,
  integer,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { careLevels, subjectKinds } from '../subjects/contract.ts';
import { users } from '../users/tables.ts';
import { careLevelReasonCodes, type CareLevelReasonCode } from './contract.ts';

/**
 * The classification rules as policy data: every save of the whole set is a version, kept for good
 * (who, when, what). The set in force on a day is the latest version saved with an effective date
 * on or before it (the highest `version`); without any version the defaults of V4 apply.
 */
export const careLevelRuleSets = pgTable(
  'care_level_rule_sets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** 1, 2, … in the order they were saved: the latest of a day is the one in force. */
    version: integer('version').generatedAlwaysAsIdentity().notNull(),
    effectiveFrom: date('effective_from').notNull(),
    /** The set is the V4 defaults (restored, or saved exactly as they are). */
    isDefault: boolean('is_default').notNull().default(false),
    savedBy: uuid('saved_by').references(() => users.id),
    savedAt: timestamp('saved_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('care_level_rule_sets_version_idx').on(t.version),
    index('care_level_rule_sets_effective_idx').on(t.effectiveFrom, t.version),
  ],
);

/** The rules of one version, in their order. */
export const careLevelRules = pgTable(
  'care_level_rules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    setId: uuid('set_id')
      .notNull()
      .references(() => careLevelRuleSets.id),
    level: text('level', { enum: careLevels }).notNull(),
    kind: text('kind', { enum: subjectKinds }),
    minAge: smallint('min_age'),
    categoriesAll: text('categories_all').array().notNull().default([]),
    categoriesAny: text('categories_any').array().notNull().default([]),
    /** As written; for a coded reason its Chinese text. */
    reason: text('reason').notNull(),
    /** A default rule's reason, translated where it is shown; null: the administrator's own text. */
    reasonCode: text('reason_code', {
      enum: careLevelReasonCodes as [CareLevelReasonCode, ...CareLevelReasonCode[]],
    }),
    sortOrder: integer('sort_order').notNull(),
  },
  (t) => [uniqueIndex('care_level_rules_set_idx').on(t.setId, t.sortOrder)],
);
