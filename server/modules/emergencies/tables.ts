import {
  boolean,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { subjects } from '../subjects/tables.ts';
import { users } from '../users/tables.ts';
import {
  emergencyKinds,
  emergencyParties,
  emergencySources,
  emergencyStatuses,
} from './contract.ts';

/**
 * An emergency (应急事件, V10): found on a visit, recorded by hand (later by a device or a call),
 * pushed to the street and the district at once, taken by one of them, closed with its outcome.
 */
export const emergencies = pgTable(
  'emergencies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    subjectId: uuid('subject_id')
      .notNull()
      .references(() => subjects.id),
    householdId: uuid('household_id').notNull(),
    /** The subject's division when it was recorded: who sees and handles it. */
    divisionCode: varchar('division_code', { length: 15 }).notNull(),
    source: text('source', { enum: emergencySources }).notNull(),
    /** The visit it was found on; no foreign key: the visits module, above this one, refers here. */
    visitId: uuid('visit_id'),
    kind: text('kind', { enum: emergencyKinds }).notNull(),
    whatHappened: text('what_happened').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    status: text('status', { enum: emergencyStatuses }).notNull().default('open'),
    actionsTaken: text('actions_taken'),
    outcome: text('outcome'),
    reportedBy: uuid('reported_by').references(() => users.id),
    takenBy: uuid('taken_by').references(() => users.id),
    takenAt: timestamp('taken_at', { withTimezone: true }),
    closedBy: uuid('closed_by').references(() => users.id),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** Optimistic: every change adds one, a change made from an older version is refused. */
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('emergencies_division_idx').on(t.divisionCode.op('varchar_pattern_ops'), t.status),
    index('emergencies_subject_idx').on(t.subjectId, t.occurredAt),
    index('emergencies_visit_idx').on(t.visitId),
  ],
);

/** The notification log of an emergency: who was called, when, reached or not. */
export const emergencyCalls = pgTable(
  'emergency_calls',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    emergencyId: uuid('emergency_id')
      .notNull()
      .references(() => emergencies.id),
    party: text('party', { enum: emergencyParties }).notNull(),
    calledAt: timestamp('called_at', { withTimezone: true }).notNull(),
    reached: boolean('reached').notNull(),
    note: text('note'),
    recordedBy: uuid('recorded_by').references(() => users.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('emergency_calls_emergency_idx').on(t.emergencyId, t.calledAt)],
);
