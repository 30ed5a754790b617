import { divisionLevels } from '../../platform/contract/divisions.ts';
import {
  index,
  integer,
  pgTable,
  text,
  timestamp,
  varchar,
  date,
  boolean,
} from 'drizzle-orm/pg-core';

/** The division tree: city → district → street → community → grid, keyed by the statistical code. */
export const divisions = pgTable(
  'divisions',
  {
    code: varchar('code', { length: 15 }).primaryKey(),
    parentCode: varchar('parent_code', { length: 15 }),
    level: text('level', { enum: divisionLevels }).notNull(),
    name: text('name').notNull(),
    /** 城乡分类代码 of a community (111 主城区 …), when known. */
    urbanRuralCode: varchar('urban_rural_code', { length: 3 }),
    sortOrder: integer('sort_order').notNull().default(0),
    validFrom: date('valid_from').notNull().defaultNow(),
    validTo: date('valid_to'),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('divisions_parent_idx').on(t.parentCode),
    index('divisions_code_pattern_idx').on(t.code.op('varchar_pattern_ops')),
  ],
);
