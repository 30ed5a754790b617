import type { RouteModule } from './platform/http/define-routes.ts';
import type { JobDefinition } from './platform/jobs/define-job.ts';
import { platformJobs } from './platform/jobs/platform-jobs.ts';
import { userJobs } from './modules/users/jobs.ts';
import { exportRequestJobs } from './modules/export-requests/jobs.ts';
import { exportRequestRoutes } from './modules/export-requests/routes.ts';
import { visitJobs } from './modules/visits/jobs.ts';
import { visitRoutes } from './modules/visits/routes.ts';
import { jobRoutes } from './modules/jobs/routes.ts';
import { mapRoutes } from './modules/maps/routes.ts';
import { eventRoutes } from './platform/events/routes.ts';
import { auditRoutes } from './modules/audit/routes.ts';
import { calendarRoutes } from './modules/calendar/routes.ts';
import { divisionRoutes } from './modules/divisions/routes.ts';
import { fileRoutes } from './modules/files/routes.ts';
import { organisationRoutes } from './modules/organisations/routes.ts';
import { abilityAssessmentRoutes } from './modules/ability-assessments/routes.ts';
import { emergencyRoutes } from './modules/emergencies/routes.ts';
import { careLevelRoutes } from './modules/care-levels/routes.ts';
import { rosterRoutes } from './modules/rosters/routes.ts';
import { sourceRecordRoutes } from './modules/source-records/routes.ts';
import { householdLocationRoutes, subjectRoutes } from './modules/subjects/routes.ts';
import { systemRoutes } from './modules/system/routes.ts';
import { authRoutes, userRoutes } from './modules/users/routes.ts';

/** Every module's routes; the app registers them and the route × role test enumerates them. */
export const routeModules: RouteModule[] = [
  systemRoutes,
  authRoutes,
  userRoutes,
  divisionRoutes,
  mapRoutes,
  organisationRoutes,
  auditRoutes,
  calendarRoutes,
  fileRoutes,
  subjectRoutes,
  householdLocationRoutes,
  careLevelRoutes,
  abilityAssessmentRoutes,
  rosterRoutes,
  sourceRecordRoutes,
  visitRoutes,
  emergencyRoutes,
  exportRequestRoutes,
  jobRoutes,
  eventRoutes,
];

/**
 * Every durable job (the platform's and each module's jobs.ts): app.ts creates their queues and
 * schedules and runs their workers; `enqueueJob` accepts only these.
 */
export const jobDefinitions: JobDefinition[] = [
  ...platformJobs,
  ...userJobs,
  ...visitJobs,
  ...exportRequestJobs,
];
