import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Live events (platform/events): one row per event, written in the transaction of the change it
 * announces. The id increases in commit order (publishEvent serialises the inserts), so a reader's
 * cursor `id > last` never skips one; payloads carry ids and a type, never the data itself.
 */
export const liveEvents = pgTable(
  'live_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    type: text('type').notNull(),
    /** Who may receive it: those whose division subtree holds this code … */
    divisionCode: text('division_code').notNull(),
    /** … of this organisation, when the event is bound to one … */
    organisationId: uuid('organisation_id'),
    /** … and who hold this permission. */
    permission: text('permission').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    /** … and, when set, only this user (a decision on their own request). */
    recipientId: uuid('recipient_id'),
    /** The user whose write it announces (not notified of their own action). */
    actorId: uuid('actor_id'),
    data: jsonb('data'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('live_events_created_at_idx').on(t.createdAt)],
);
