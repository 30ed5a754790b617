import { defineRoutes } from '../../platform/http/define-routes.ts';
import { abilityAssessmentEndpoints } from './contract.ts';
import { abilityCatalogue, scoreAssessment } from './service.ts';

/** The ability-assessment calculator: the form's catalogue and the score; nothing is stored. */
export const abilityAssessmentRoutes = defineRoutes(abilityAssessmentEndpoints, (app) => ({
  listAbilityItems: async ({ locale }) => abilityCatalogue(locale, app.config.ability),
  scoreAbilityAssessment: async ({ body }) => scoreAssessment(body, app.config.ability),
}));
