import { defineRoutes } from '../../platform/http/define-routes.ts';
import { emergenciesContext } from './context.ts';
import { emergencyEndpoints } from './contract.ts';
import {
  addEmergencyCall,
  closeEmergency,
  listEmergencies,
  recordEmergency,
  takeEmergency,
  viewEmergency,
} from './service.ts';

export const emergencyRoutes = defineRoutes(emergencyEndpoints, (app) => {
  const at = (input: Parameters<typeof emergenciesContext>[1]) => emergenciesContext(app, input);
  return {
    recordEmergency: ({ actor, body, locale }) => recordEmergency(at({ actor, locale }), body),
    listEmergencies: ({ actor, query, locale }) => listEmergencies(at({ actor, locale }), query),
    getEmergency: ({ actor, params, locale }) => viewEmergency(at({ actor, locale }), params.id),
    takeEmergency: ({ actor, params, body, locale }) =>
      takeEmergency(at({ actor, locale }), { id: params.id, ...body }),
    addEmergencyCall: ({ actor, params, body, locale }) =>
      addEmergencyCall(at({ actor, locale }), { id: params.id, ...body }),
    closeEmergency: ({ actor, params, body, locale }) =>
      closeEmergency(at({ actor, locale }), { id: params.id, ...body }),
  };
});
