import { fileCtx } from '../../platform/files/service.ts';
import { defineRoutes } from '../../platform/http/define-routes.ts';
import { visitsContext } from './context.ts';
import { visitEndpoints } from './contract.ts';
import {
  assignSubjects,
  beginVisitPhoto,
  cancelCampaign,
  createCampaign,
  getCarePlan,
  listCampaigns,
  saveCarePlan,
  caseload,
  exportVisits,
  getPolicy,
  handOver,
  listVisitors,
  listVisits,
  overdueList,
  putVisitPhotoPart,
  recordVisit,
  reviewVisit,
  savePolicy,
  syncVisits,
  unassignSubjects,
  viewVisit,
  visitPhotoUpload,
  visitRate,
  worklist,
} from './service.ts';

export const visitRoutes = defineRoutes(visitEndpoints, (app) => {
  const at = (input: Parameters<typeof visitsContext>[1]) => visitsContext(app, input);
  const files = fileCtx(app);
  return {
    recordVisit: ({ actor, locale, body, req }) => {
      const key = req.headers['idempotency-key'];
      return recordVisit(at({ actor, locale }), {
        body,
        clientKey: typeof key === 'string' ? key : null,
      });
    },
    beginVisitPhoto: ({ actor, locale, body }) =>
      beginVisitPhoto(at({ actor, locale }), files, body),
    putVisitPhotoPart: ({ actor, locale, params, part }) =>
      putVisitPhotoPart(at({ actor, locale }), files, { key: params.key, part }),
    getVisitPhotoUpload: ({ actor, locale, params }) =>
      visitPhotoUpload(at({ actor, locale }), files, params.key),
    getCarePlan: ({ actor, locale, params }) => getCarePlan(at({ actor, locale }), params.id),
    saveCarePlan: ({ actor, locale, params, body }) =>
      saveCarePlan(at({ actor, locale }), params.id, body),
    listCampaigns: ({ actor, locale }) => listCampaigns(at({ actor, locale })),
    createCampaign: ({ actor, locale, body }) => createCampaign(at({ actor, locale }), body),
    cancelCampaign: ({ actor, locale, params }) => cancelCampaign(at({ actor, locale }), params.id),
    listVisits: ({ actor, locale, query }) => listVisits(at({ actor, locale }), query),
    getVisit: ({ actor, locale, params }) => viewVisit(at({ actor, locale }), params.id),
    reviewVisit: ({ actor, locale, params, body }) =>
      reviewVisit(at({ actor, locale }), { id: params.id, ...body }),
    exportVisits: async ({ actor, locale, body }) => {
      const c = at({ actor, locale });
      const content = await exportVisits(c, body);
      const name = locale === 'zh-CN' ? '巡访台账' : 'visit-ledger';
      return { content, fileName: `${name}-${c.today.replace(/-/g, '')}.xlsx` };
    },
    getWorklist: ({ actor, locale, query }) => worklist(at({ actor, locale }), query),
    listOverdue: ({ actor, locale, query }) => overdueList(at({ actor, locale }), query),
    syncVisits: ({ actor, locale, query }) => syncVisits(at({ actor, locale }), query),
    getVisitRate: ({ actor, locale, query }) => visitRate(at({ actor, locale }), query),
    getVisitPolicy: ({ actor, locale }) => getPolicy(at({ actor, locale })),
    saveVisitPolicy: ({ actor, locale, body }) => savePolicy(at({ actor, locale }), body),
    listVisitors: ({ actor, locale, query }) => listVisitors(at({ actor, locale }), query),
    getCaseload: ({ actor, locale, params, query }) =>
      caseload(at({ actor, locale }), { id: params.id, ...query }),
    assignSubjects: ({ actor, locale, body }) => assignSubjects(at({ actor, locale }), body),
    handOver: ({ actor, locale, body }) => handOver(at({ actor, locale }), body),
    unassignSubjects: ({ actor, locale, body }) => unassignSubjects(at({ actor, locale }), body),
  };
});
