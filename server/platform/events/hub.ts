import { and, asc, desc, gt, inArray, lte, sql } from 'drizzle-orm';
import type { Database, Db, Listener } from '../../db/client.ts';
import { inScope, scopeWhere, type Actor, type Scope } from '../access/actor.ts';
import type { Role } from '../contract/common.ts';
import type { LiveEvent } from '../contract/events.ts';
import { EVENTS_CHANNEL } from './publish.ts';
import { liveEvents } from './tables.ts';

/** Who a stream belongs to: enough of the Actor to decide what reaches it. */
export type Receiver = Pick<Actor, 'userId' | 'role' | 'permissions' | 'scope' | 'sessionId'>;

/** A connected stream: gets the events its actor may see, and is closed when its session ends. */
export type Subscriber = {
  receiver: Receiver;
  deliver(event: LiveEvent): void;
  close(reason: 'session' | 'shutdown'): void;
};

/** The role and scope of each session still open (ended, idle or expired ones are missing). */
export type SessionCheck = (
  sessionIds: string[],
) => Promise<Map<string, { role: Role; scope: Scope }>>;

export type EventHub = {
  /** The id of the last event read and handed out by this process. */
  cursor(): number;
  /** Reads every event committed so far (whether or not its notification has arrived yet). */
  catchUp(): Promise<void>;
  subscribe(subscriber: Subscriber): () => void;
  /** The events after `afterId` (up to `upTo`) that the receiver may see, oldest first, at most `limit`. */
  replay(receiver: Receiver, afterId: number, upTo: number, limit?: number): Promise<LiveEvent[]>;
  /** How many streams are connected to this process. */
  size(): number;
  start(): Promise<void>;
  /** Closes every stream (before the server closes) and stops listening. */
  stop(): Promise<void>;
};

type Row = typeof liveEvents.$inferSelect;

/** Whether an event reaches a receiver: permission, division subtree, organisation, its recipient, not its own. */
export function reaches(r: Receiver, e: Row): boolean {
  return (
    (r.permissions as ReadonlySet<string>).has(e.permission) &&
    inScope(r, e.divisionCode) &&
    (!r.scope.organisationId || !e.organisationId || r.scope.organisationId === e.organisationId) &&
    (!e.recipientId || e.recipientId === r.userId) &&
    e.actorId !== r.userId
  );
}

const toLiveEvent = (e: Row): LiveEvent => ({
  id: e.id,
  type: e.type,
  entity: e.entity,
  entityId: e.entityId,
  divisionCode: e.divisionCode,
  data: (e.data as LiveEvent['data']) ?? null,
  at: e.createdAt.toISOString(),
});

const BATCH = 500;

/**
 * The events of one app process: one LISTEN (PGlite in-process, a dedicated connection on
 * PostgreSQL), a cursor over the events table read after each notification (and every `pollMs`, in
 * case one was lost), each event handed to the connected streams it reaches; every
 * `sessionCheckMs` the sessions of all streams are checked in one query, and a stream whose session
 * ended, timed out or changed role or scope is closed (the stream itself keeps no session alive).
 */
export function createEventHub(opts: {
  db: Db;
  listen: Database['listen'];
  checkSessions: SessionCheck;
  sessionCheckMs: number;
  pollMs?: number;
  onError(err: unknown): void;
}): EventHub {
  const { db } = opts;
  const subscribers = new Set<Subscriber>();
  let cursor = 0;
  let reading: Promise<void> | null = null;
  let again = false;
  let listener: Listener | null = null;
  const timers: NodeJS.Timeout[] = [];

  async function readNew(): Promise<void> {
    for (;;) {
      const batch = await db
        .select()
        .from(liveEvents)
        .where(gt(liveEvents.id, cursor))
        .orderBy(asc(liveEvents.id))
        .limit(BATCH);
      for (const row of batch) {
        cursor = row.id;
        let event: LiveEvent | null = null;
        for (const s of subscribers) {
          if (!reaches(s.receiver, row)) continue;
          event ??= toLiveEvent(row);
          s.deliver(event);
        }
      }
      if (batch.length < BATCH) return;
    }
  }

  /** Reads what is new; a wake-up during a read reads once more after it. */
  function wake(): void {
    if (reading) {
      again = true;
      return;
    }
    reading = (async () => {
      do {
        again = false;
        await readNew();
      } while (again);
    })()
      .catch(opts.onError)
      .finally(() => {
        reading = null;
      });
  }

  let checking = false;
  async function checkSessions(): Promise<void> {
    if (checking || subscribers.size === 0) return;
    checking = true;
    try {
      // only the streams asked about: one that connects during the query is checked next time
      const checked = [...subscribers];
      const open = await opts.checkSessions([...new Set(checked.map((s) => s.receiver.sessionId))]);
      for (const s of checked) {
        const now = open.get(s.receiver.sessionId);
        const same =
          now &&
          now.role === s.receiver.role &&
          now.scope.divisionCode === s.receiver.scope.divisionCode &&
          now.scope.organisationId === s.receiver.scope.organisationId;
        if (!same) {
          subscribers.delete(s);
          s.close('session');
        }
      }
    } finally {
      checking = false;
    }
  }

  return {
    cursor: () => cursor,
    async catchUp() {
      wake();
      await reading;
    },
    size: () => subscribers.size,
    subscribe(subscriber) {
      subscribers.add(subscriber);
      return () => subscribers.delete(subscriber);
    },
    async replay(r, afterId, upTo, limit = 1000) {
      const rows = await db
        .select()
        .from(liveEvents)
        .where(
          and(
            gt(liveEvents.id, afterId),
            lte(liveEvents.id, upTo),
            inArray(liveEvents.permission, [...r.permissions]),
            scopeWhere(r, { division: liveEvents.divisionCode }),
            r.scope.organisationId
              ? sql`(${liveEvents.organisationId} is null or ${liveEvents.organisationId} = ${r.scope.organisationId})`
              : undefined,
            sql`(${liveEvents.recipientId} is null or ${liveEvents.recipientId} = ${r.userId})`,
            sql`${liveEvents.actorId} is distinct from ${r.userId}`,
          ),
        )
        .orderBy(desc(liveEvents.id))
        .limit(limit);
      return rows.reverse().map(toLiveEvent);
    },
    async start() {
      // listen first, then take the cursor: an event committed in between is read, not lost
      listener = await opts.listen(EVENTS_CHANNEL, {
        onNotify: wake,
        onReconnect: wake,
        onError: opts.onError,
      });
      const [last] = await db
        .select({ id: sql<string | number>`coalesce(max(${liveEvents.id}), 0)` })
        .from(liveEvents);
      cursor = Number(last?.id ?? 0);
      const poll = setInterval(wake, opts.pollMs ?? 10_000);
      const sweep = setInterval(() => {
        checkSessions().catch(opts.onError);
      }, opts.sessionCheckMs);
      for (const timer of [poll, sweep]) timer.unref();
      timers.push(poll, sweep);
    },
    async stop() {
      for (const timer of timers) clearInterval(timer);
      for (const s of subscribers) s.close('shutdown');
      subscribers.clear();
      await listener?.close();
      listener = null;
      await reading;
    },
  };
}
