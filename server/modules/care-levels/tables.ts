import {
  date,
  index,
  integer,
  pgTable,
  smallint,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { careLevels, subjectKinds } from '../subjects/contract.ts';
import { users } from '../users/tables.ts';

/**
 * The classification rules in force from a date (policy as data): an administrator replaces the
 * whole set, the earlier set keeps its dates. Without any row the defaults of V4 apply.
 */
export const careLevelRules = pgTable(
  'care_level_rules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    level: text('level', { enum: careLevels }).notNull(),
    kind: text('kind', { enum: subjectKinds }),
    minAge: smallint('min_age'),
    categoriesAll: text('categories_all').array().notNull().default([]),
    categoriesAny: text('categories_any').array().notNull().default([]),
    reason: text('reason').notNull(),
    sortOrder: integer('sort_order').notNull(),
    effectiveFrom: date('effective_from').notNull(),
    effectiveTo: date('effective_to'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('care_level_rules_effective_idx').on(t.effectiveFrom)],
);
