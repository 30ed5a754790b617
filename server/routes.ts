import type { RouteModule } from './platform/http/define-routes.ts';
import type { PeriodicTask } from './platform/jobs/housekeeping.ts';
import { eventRoutes } from './platform/events/routes.ts';
import { userTasks } from './modules/users/jobs.ts';
import { auditRoutes } from './modules/audit/routes.ts';
import { divisionRoutes } from './modules/divisions/routes.ts';
import { organisationRoutes } from './modules/organisations/routes.ts';
import { careLevelRoutes } from './modules/care-levels/routes.ts';
import { rosterRoutes } from './modules/rosters/routes.ts';
import { sourceRecordRoutes } from './modules/source-records/routes.ts';
import { subjectRoutes } from './modules/subjects/routes.ts';
import { systemRoutes } from './modules/system/routes.ts';
import { authRoutes, userRoutes } from './modules/users/routes.ts';

/** Every module's routes; the app registers them and the route × role test enumerates them. */
export const routeModules: RouteModule[] = [
  systemRoutes,
  authRoutes,
  userRoutes,
  divisionRoutes,
  organisationRoutes,
  auditRoutes,
  subjectRoutes,
  careLevelRoutes,
  rosterRoutes,
  sourceRecordRoutes,
  eventRoutes,
];

/** Every module's periodic tasks (each module's jobs.ts), run by the platform's housekeeping. */
export const periodicTasks: PeriodicTask[] = [...userTasks];
