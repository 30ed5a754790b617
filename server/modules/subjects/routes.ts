import { defineRoutes } from '../../platform/http/define-routes.ts';
import { shanghaiDate } from '../../platform/calendar/dates.ts';
import { subjectsContext } from './context.ts';
import { householdLocationEndpoints, subjectEndpoints } from './contract.ts';
import { listSubjects, searchSubjects } from './queries.ts';
import {
  confirmHouseholdLocation,
  exportSubjects,
  revealSubject,
  setCareLevel,
  setHouseholdLocation,
  viewHousehold,
  viewSubject,
} from './service.ts';

export const subjectRoutes = defineRoutes(subjectEndpoints, (app) => {
  const at = (request: Parameters<typeof subjectsContext>[1]) => subjectsContext(app, request);
  return {
    listSubjects: ({ actor, query, locale }) => listSubjects(at({ actor, locale }), query),
    searchSubjects: ({ actor, body, locale }) => searchSubjects(at({ actor, locale }), body),
    getSubject: ({ actor, params, locale }) => viewSubject(at({ actor, locale }), params.id),
    revealSubject: ({ actor, params, body, locale }) =>
      revealSubject(at({ actor, locale }), { id: params.id, ...body }),
    setCareLevel: ({ actor, params, body, locale }) =>
      setCareLevel(at({ actor, locale }), { id: params.id, ...body }),
    exportSubjects: async ({ actor, body, locale }) => ({
      content: await exportSubjects(at({ actor, locale }), {
        ...body,
        gate: { approvalAbove: app.config.exports.approvalAbove },
      }),
      fileName: `服务对象名册-${shanghaiDate(app.clock.now()).replace(/-/g, '')}.xlsx`,
    }),
    getHousehold: ({ actor, params, locale }) => viewHousehold(at({ actor, locale }), params.id),
  };
});

/** A household's place on the map (location-contract.ts). */
export const householdLocationRoutes = defineRoutes(householdLocationEndpoints, (app) => {
  const at = (request: Parameters<typeof subjectsContext>[1]) => subjectsContext(app, request);
  return {
    setHouseholdLocation: ({ actor, params, body, locale }) =>
      setHouseholdLocation(at({ actor, locale }), { id: params.id, ...body }),
    confirmHouseholdLocation: ({ actor, params, locale }) =>
      confirmHouseholdLocation(at({ actor, locale }), { id: params.id }),
  };
});
