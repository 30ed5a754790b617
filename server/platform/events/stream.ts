import type { FastifyReply } from 'fastify';
import type { LiveEvent } from '../contract/events.ts';
import type { EventHub, Receiver } from './hub.ts';

/** A client this far behind (its socket not draining) is dropped; it reconnects and catches up. */
const MAX_BUFFERED_BYTES = 256 * 1024;

function parseLastEventId(value: string | null): number | null {
  if (!value || !/^\d{1,15}$/.test(value)) return null;
  return Number(value);
}

/**
 * Serves one event stream: subscribes first (what arrives meanwhile waits), replays what the client
 * missed after its Last-Event-ID (within its reach, from the table), hands over to live delivery,
 * then says `event: ready` with the id it is up to (so that even a client that has received nothing
 * reconnects from there). Every message has an `id:` line; heartbeats come from @fastify/sse.
 */
export async function openEventStream(
  hub: EventHub,
  receiver: Receiver,
  reply: FastifyReply,
): Promise<void> {
  const sse = reply.sse;
  sse.keepAlive();
  let sentUpTo = 0;
  let live = false;
  const waiting: LiveEvent[] = [];
  const send = (event: LiveEvent) => {
    if (event.id <= sentUpTo || !sse.isConnected) return;
    sentUpTo = event.id;
    if (reply.raw.writableLength > MAX_BUFFERED_BYTES) {
      sse.close();
      return;
    }
    sse.send({ id: String(event.id), data: event }).catch(() => undefined);
  };
  const unsubscribe = hub.subscribe({
    receiver,
    deliver: (event) => (live ? send(event) : waiting.push(event)),
    close: () => sse.close(),
  });
  sse.onClose(unsubscribe);

  // what committed before this request is sent now, not when its notification happens to arrive
  await hub.catchUp();
  const upTo = hub.cursor();
  const last = parseLastEventId(sse.lastEventId);
  reply.header('X-Content-Type-Options', 'nosniff');
  sse.sendHeaders();
  if (last !== null && last < upTo) {
    sentUpTo = last;
    for (const event of await hub.replay(receiver, last, upTo)) send(event);
  }
  sentUpTo = Math.max(sentUpTo, upTo, last ?? 0);
  live = true;
  for (const event of waiting.splice(0)) send(event);
  if (sse.isConnected) await sse.send({ id: String(sentUpTo), event: 'ready', data: {} });
}
