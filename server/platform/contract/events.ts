import { z } from 'zod';
import type { Locale } from './errors.ts';
import { DivisionCode, Timestamp } from './common.ts';
import { endpoints } from './endpoint.ts';

/**
 * The catalogue of live event types (platform/events): every type a module publishes is declared by
 * that module's contract, with its name in both languages, like the audit actions. publishEvent
 * refuses an undeclared type. An event says what happened to which object (ids only); the console
 * fetches the object through the scoped API.
 */
const catalogue = new Map<string, Record<Locale, string>>();

export function defineEventTypes<const T extends Record<string, Record<Locale, string>>>(
  specs: T,
): { [K in keyof T]: K } {
  const names: Record<string, string> = {};
  for (const [type, label] of Object.entries(specs)) {
    catalogue.set(type, label);
    names[type] = type;
  }
  return names as { [K in keyof T]: K };
}

export function isEventType(type: string): boolean {
  return catalogue.has(type);
}

export function eventTypeCatalogue(locale: Locale): { type: string; label: string }[] {
  return [...catalogue].map(([type, label]) => ({ type, label: label[locale] }));
}

/** One event as a stream delivers it (the `data:` line; its `id:` line is the same id). */
export const LiveEvent = z.object({
  id: z.number().int(),
  type: z.string(),
  entity: z.string(),
  entityId: z.string(),
  divisionCode: DivisionCode,
  /** A few more ids or codes the notification names (a month, a status), never personal data. */
  data: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).nullable(),
  at: Timestamp,
});
export type LiveEvent = z.infer<typeof LiveEvent>;

export const eventEndpoints = endpoints({
  streamEvents: {
    method: 'GET',
    path: '/api/events',
    summary:
      '实时事件流（text/event-stream）：本人范围内、有权限的事件；断线重连带 Last-Event-ID 补发；连接就绪时发 event: ready',
    permission: 'event.stream',
    scope: 'division',
    response: LiveEvent,
    stream: 'sse',
  },
});
