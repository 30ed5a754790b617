import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { isPermission } from '../access/permissions.ts';
import type { Permission } from '../contract/permissions.ts';
import { isEventType } from '../contract/events.ts';
import { liveEvents } from './tables.ts';

/** The channel every app process LISTENs on; the payload is the event's id. */
export const EVENTS_CHANNEL = 'guanai_events';
/** Serialises event inserts so that ids commit in order (a cursor `id > last` skips none). */
const EVENTS_LOCK = 727200;

export type PublishedEvent = {
  /** A type declared with defineEventTypes in the publishing module's contract. */
  type: string;
  /** The place the event belongs to: delivered to actors whose division subtree holds it. */
  divisionCode: string;
  /** When the object belongs to an organisation, actors bound to another one do not receive it. */
  organisationId?: string | null;
  /** The permission a receiver must hold (usually the one that reads or acts on the object). */
  permission: Permission;
  entity: string;
  entityId: string;
  /** Only this user receives it (still within the scope and permission above): their own request's decision. */
  recipientId?: string | null;
  /** Who made the change (they are not notified of it). */
  actorId?: string | null;
  /** A few ids, codes or numbers for the notification; never personal data. */
  data?: Record<string, string | number | boolean>;
};

/**
 * Records an event in the transaction of the write it announces and wakes the listeners; the
 * notification is delivered by PostgreSQL only after the commit, and never after a rollback. Call
 * it last in the transaction: from here to the commit, other event-publishing transactions wait.
 */
export async function publishEvent(tx: Db, event: PublishedEvent): Promise<number> {
  if (!isEventType(event.type))
    throw new Error(`event type ${event.type} is not declared in a contract (defineEventTypes)`);
  if (!isPermission(event.permission)) throw new Error(`unknown permission ${event.permission}`);
  await tx.execute(sql`select pg_advisory_xact_lock(${EVENTS_LOCK})`);
  const [row] = await tx
    .insert(liveEvents)
    .values({
      type: event.type,
      divisionCode: event.divisionCode,
      organisationId: event.organisationId ?? null,
      permission: event.permission,
      entity: event.entity,
      entityId: event.entityId,
      recipientId: event.recipientId ?? null,
      actorId: event.actorId ?? null,
      data: event.data ?? null,
    })
    .returning({ id: liveEvents.id });
  if (!row) throw new Error('event not recorded');
  await tx.execute(sql`select pg_notify(${EVENTS_CHANNEL}, ${String(row.id)})`);
  return row.id;
}
