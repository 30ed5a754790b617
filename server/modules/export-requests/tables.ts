import {
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { files } from '../../platform/files/tables.ts';
import { users } from '../users/tables.ts';
import { exportKinds, exportRequestStatuses } from './contract.ts';

/**
 * An unmasked export that waits for a district officer's approval (security.md row 15): what is to
 * be exported (kind and its filters), why, how many people, who asked and with which scope (the file
 * is made with that scope), the decision, and the file made after approval with its validity.
 */
export const exportRequests = pgTable(
  'export_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: exportKinds }).notNull(),
    /** The list's filters (subjects) or the round (roster_round): never an ID number or a phone. */
    target: jsonb('target').notNull(),
    reason: text('reason').notNull(),
    people: integer('people').notNull(),
    /** The smallest division holding every person of the export: the request's scope column. */
    divisionCode: varchar('division_code', { length: 15 }).notNull(),
    /** The division whose officers decide (the district, or wider when the export spans several). */
    approvalDivisionCode: varchar('approval_division_code', { length: 15 }).notNull(),
    status: text('status', { enum: exportRequestStatuses }).notNull().default('requested'),
    requestedBy: uuid('requested_by')
      .notNull()
      .references(() => users.id),
    /** The requester's role and scope when asking: the file is made with exactly these. */
    requesterUsername: text('requester_username').notNull(),
    requesterRole: text('requester_role').notNull(),
    requesterDivisionCode: varchar('requester_division_code', { length: 15 }),
    requesterOrganisationId: uuid('requester_organisation_id'),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionNote: text('decision_note'),
    fileId: uuid('file_id').references(() => files.id, { onDelete: 'set null' }),
    /** The one download is possible until then (set when the file is made). */
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    downloadedAt: timestamp('downloaded_at', { withTimezone: true }),
  },
  (t) => [
    index('export_requests_requester_idx').on(t.requestedBy, t.requestedAt),
    index('export_requests_approval_idx').on(
      t.approvalDivisionCode.op('varchar_pattern_ops'),
      t.status,
    ),
    index('export_requests_expiry_idx').on(t.status, t.expiresAt),
  ],
);
