import { eventEndpoints } from '../contract/events.ts';
import { defineRoutes } from '../http/define-routes.ts';
import { openEventStream } from './stream.ts';

export const eventRoutes = defineRoutes(eventEndpoints, (ctx) => ({
  streamEvents: ({ actor, reply }) => openEventStream(ctx.events, actor, reply),
}));
