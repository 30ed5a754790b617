import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter } from 'react-router';
import type { Permission } from '../../../../server/platform/contract/permissions.ts';
import { ConsoleLayout } from './ConsoleLayout.tsx';
import { PageSpin } from './PageSpin.tsx';
import { RequireAuth } from './RequireAuth.tsx';

// One chunk per page: the first load carries the shell only.
const LoginPage = lazy(() => import('../pages/LoginPage.tsx'));
const HomePage = lazy(() => import('../pages/HomePage.tsx'));
const NotFoundPage = lazy(() => import('../pages/NotFoundPage.tsx'));
const DivisionsPage = lazy(() => import('../modules/divisions/pages/DivisionsPage.tsx'));
const UsersPage = lazy(() => import('../modules/users/pages/UsersPage.tsx'));
const OrganisationsPage = lazy(
  () => import('../modules/organisations/pages/OrganisationsPage.tsx'),
);
const AuditLogPage = lazy(() => import('../modules/audit/pages/AuditLogPage.tsx'));
const JobsPage = lazy(() => import('../modules/jobs/pages/JobsPage.tsx'));
const SubjectsPage = lazy(() => import('../modules/subjects/pages/SubjectsPage.tsx'));
const HouseholdPage = lazy(() => import('../modules/subjects/pages/HouseholdPage.tsx'));
const RosterRoundsPage = lazy(() => import('../modules/rosters/pages/RosterRoundsPage.tsx'));
const RosterRoundPage = lazy(() => import('../modules/rosters/pages/RosterRoundPage.tsx'));
const RosterSettingsPage = lazy(() => import('../modules/rosters/pages/RosterSettingsPage.tsx'));
const ClassificationPage = lazy(
  () => import('../modules/care-levels/pages/ClassificationPage.tsx'),
);

const VisitRatePage = lazy(() => import('../modules/visit-rate/pages/VisitRatePage.tsx'));
const DisagreementsPage = lazy(
  () => import('../modules/source-records/pages/DisagreementsPage.tsx'),
);
const ExportRequestsPage = lazy(
  () => import('../modules/export-requests/pages/ExportRequestsPage.tsx'),
);
const AbilityAssessmentPage = lazy(
  () => import('../modules/ability-assessments/pages/AbilityAssessmentPage.tsx'),
);
const EmergenciesPage = lazy(() => import('../modules/emergencies/pages/EmergenciesPage.tsx'));
const VisitsPage = lazy(() => import('../modules/visits/pages/VisitsPage.tsx'));
const VisitDuesPage = lazy(() => import('../modules/visits/pages/VisitDuesPage.tsx'));
const VisitorsPage = lazy(() => import('../modules/visits/pages/VisitorsPage.tsx'));
const VisitPolicyPage = lazy(() => import('../modules/visits/pages/VisitPolicyPage.tsx'));
const CalendarPage = lazy(() => import('../modules/calendar/pages/CalendarPage.tsx'));

function page(element: ReactNode, permission?: Permission) {
  const content = <Suspense fallback={<PageSpin />}>{element}</Suspense>;
  return permission ? <RequireAuth permission={permission}>{content}</RequireAuth> : content;
}

export function makeRouter() {
  return createBrowserRouter([
    { path: '/login', element: page(<LoginPage />) },
    {
      path: '/',
      element: (
        <RequireAuth>
          <ConsoleLayout />
        </RequireAuth>
      ),
      children: [
        { index: true, element: page(<HomePage />) },
        { path: 'subjects', element: page(<SubjectsPage />, 'subject.read') },
        { path: 'households/:id', element: page(<HouseholdPage />, 'subject.read') },
        { path: 'emergencies', element: page(<EmergenciesPage />, 'emergency.read') },
        { path: 'roster-rounds', element: page(<RosterRoundsPage />, 'roster.read') },
        { path: 'roster-rounds/:id', element: page(<RosterRoundPage />, 'roster.read') },
        {
          path: 'roster-settings',
          element: page(<RosterSettingsPage />, 'roster.configure'),
        },
        {
          path: 'classification',
          element: page(<ClassificationPage />, 'care_level.report'),
        },
        { path: 'visits', element: page(<VisitsPage />, 'visit.read') },
        { path: 'visit-dues', element: page(<VisitDuesPage />, 'visit.read') },
        { path: 'visitors', element: page(<VisitorsPage />, 'visit.assign') },
        { path: 'visit-policy', element: page(<VisitPolicyPage />, 'visit.read') },
        { path: 'visit-rate', element: page(<VisitRatePage />, 'visit.read') },
        {
          path: 'source-disagreements',
          element: page(<DisagreementsPage />, 'source.reconcile'),
        },
        {
          path: 'export-requests',
          element: page(<ExportRequestsPage />, 'export.request'),
        },
        { path: 'ability-assessment', element: page(<AbilityAssessmentPage />) },
        { path: 'divisions/:code?', element: page(<DivisionsPage />, 'division.read') },
        { path: 'users', element: page(<UsersPage />, 'user.read') },
        { path: 'organisations', element: page(<OrganisationsPage />, 'organisation.read') },
        { path: 'audit-log', element: page(<AuditLogPage />, 'audit.read') },
        { path: 'calendar', element: page(<CalendarPage />, 'calendar.manage') },
        { path: 'jobs', element: page(<JobsPage />, 'job.manage') },
        { path: '*', element: page(<NotFoundPage />) },
      ],
    },
  ]);
}
