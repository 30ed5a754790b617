import {
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { calendarDayKinds } from '../contract/calendar.ts';

/**
 * The working-day calendar (工作日历): one row per year entered, and that year's official holidays
 * and make-up working days (调休上班). A year without a row is unknown, never guessed. 2025 and
 * 2026 are seeded by a migration from chinese-days; an administrator enters the following years.
 */
export const calendarYears = pgTable('calendar_years', {
  year: integer('year').primaryKey(),
  /** Where the year's data came from: `chinese-days 1.5.7` for the seeded years, else `admin`. */
  source: text('source').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  /** Who entered or last changed the year (null: the seed); no foreign key, the platform owns this table. */
  updatedBy: uuid('updated_by'),
  updatedByName: text('updated_by_name'),
});

export const calendarDays = pgTable(
  'calendar_days',
  {
    date: date('date').primaryKey(),
    year: integer('year')
      .notNull()
      .references(() => calendarYears.year),
    kind: text('kind', { enum: calendarDayKinds }).notNull(),
    /** 春节, 国庆节…: the holiday the day belongs to (a make-up day names the holiday it pays for). */
    name: text('name').notNull(),
  },
  (t) => [
    index('calendar_days_year_idx').on(t.year),
    check('calendar_days_year_check', sql`extract(year from ${t.date}) = ${t.year}`),
  ],
);

/**
 * Deadlines that ran into a year without data, held until that year is entered: the owner (a
 * module) and its object, the clock's input, and once computed its due time. Saving a year
 * computes every deadline waiting for it, in the same transaction.
 */
export const heldDeadlines = pgTable(
  'held_deadlines',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    owner: text('owner').notNull(),
    entityId: text('entity_id').notNull(),
    /** The clock (DeadlineInput as JSON: start, clock, pauses, working hours). */
    input: jsonb('input').notNull(),
    waitingYear: integer('waiting_year'),
    dueAt: timestamp('due_at', { withTimezone: true }),
    heldAt: timestamp('held_at', { withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  },
  (t) => [
    index('held_deadlines_waiting_idx').on(t.waitingYear),
    index('held_deadlines_owner_idx').on(t.owner, t.entityId),
  ],
);
