import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** The data migrations (computed in code, after the SQL migrations) that have run on this database. */
export const dataMigrations = pgTable('data_migrations', {
  id: text('id').primaryKey(),
  appliedAt: timestamp('applied_at', { withTimezone: true }).notNull().defaultNow(),
});
