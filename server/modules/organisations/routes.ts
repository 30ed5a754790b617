import { defineRoutes } from '../../platform/http/define-routes.ts';
import { organisationEndpoints } from './contract.ts';
import { organisationsContext as at } from './context.ts';
import { getOrganisation, listOrganisations } from './queries.ts';
import { createOrganisation, updateOrganisation } from './service.ts';

export const organisationRoutes = defineRoutes(organisationEndpoints, (ctx) => ({
  listOrganisations: ({ actor, query }) => listOrganisations(ctx.db, actor, query),
  getOrganisation: ({ actor, params }) => getOrganisation(ctx.db, actor, params.id),
  createOrganisation: ({ actor, body }) => createOrganisation(at(ctx, actor), body),
  updateOrganisation: ({ actor, params, body }) =>
    updateOrganisation(at(ctx, actor), { id: params.id, changes: body }),
}));
