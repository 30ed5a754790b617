import { defineRoutes } from '../../platform/http/define-routes.ts';
import { mapEndpoints } from './contract.ts';
import { configuredOutlines, mapSettings, outlinesWithNames } from './service.ts';

export const mapRoutes = defineRoutes(mapEndpoints, (ctx) => {
  // read and checked once, when the app is built: a bad file stops the start
  const outlines = configuredOutlines(ctx.config);
  return {
    getMapSettings: async () => mapSettings(ctx.config),
    getMapOutlines: () => outlinesWithNames(ctx.db, outlines),
  };
});
