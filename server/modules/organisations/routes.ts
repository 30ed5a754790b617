import { defineRoutes } from '../../platform/http/define-routes.ts';
import { organisationEndpoints } from './contract.ts';
import { getOrganisation, listOrganisations } from './queries.ts';
import { createOrganisation, updateOrganisation } from './service.ts';

export const organisationRoutes = defineRoutes(organisationEndpoints, (ctx) => ({
  listOrganisations: ({ actor, query }) => listOrganisations(ctx.db, actor, query),
  getOrganisation: ({ actor, params }) => getOrganisation(ctx.db, actor, params.id),
  createOrganisation: ({ actor, body }) => createOrganisation(ctx.db, actor, body),
  updateOrganisation: ({ actor, params, body }) =>
    updateOrganisation(ctx.db, actor, params.id, body),
}));
