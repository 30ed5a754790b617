import { organisationKinds } from './contract.ts';
import { boolean, index, pgTable, text, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';

/** Organisations: the bureau, street offices, communities, the service organisation, providers, institutions. */
export const organisations = pgTable(
  'organisations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: organisationKinds }).notNull(),
    name: text('name').notNull(),
    /** Where it sits: the division it belongs to (a street office: its street). */
    divisionCode: varchar('division_code', { length: 15 }).notNull(),
    isDemo: boolean('is_demo').notNull().default(false),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('organisations_division_idx').on(t.divisionCode.op('varchar_pattern_ops')),
    index('organisations_kind_idx').on(t.kind),
  ],
);
