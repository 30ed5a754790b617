import { useQuery } from '@tanstack/react-query';
import type { MeView } from '../../../../../server/modules/users/contract.ts';
import { exportRequestEndpoints } from '../../../../../server/modules/export-requests/contract.ts';
import { rosterEndpoints } from '../../../../../server/modules/rosters/contract.ts';
import { visitEndpoints } from '../../../../../server/modules/visits/contract.ts';
import { call } from '../../../../shared/api.ts';
import { hasPermission } from '../../../../shared/auth.tsx';
import { useRosterRounds } from '../../modules/rosters/api.ts';
import { currentMonth, previousMonth } from '../../modules/rosters/month.ts';

/*
 * The home page's to-do counts, each from an endpoint the user's permissions allow (none is called
 * otherwise). The keys start as the pages' own do, so a live event of a round, an emergency or an
 * export request refreshes the count with the page.
 */

/** Rounds submitted and waiting for the street's review (any month), and the newest one's month. */
export function useRoundsToReview(enabled: boolean) {
  return useQuery({
    queryKey: ['roster-rounds', 'todo', 'submitted'],
    queryFn: async ({ signal }) => {
      const page = await call(rosterEndpoints.listRosterRounds, {
        query: { status: 'submitted', pageSize: 1 },
        signal,
      });
      return { count: page.total, month: page.items[0]?.month ?? null };
    },
    enabled,
  });
}

/**
 * Streets whose round of last month is late (not approved by the due day of this month), with
 * or without a round: the month list's late rows. This month's round cannot be late yet.
 */
export function useLateRounds(enabled: boolean) {
  const month = previousMonth(currentMonth());
  const list = useRosterRounds(month, enabled);
  const count = list.data
    ? list.data.items.filter((r) => r.sequence === 0 && r.late).length +
      list.data.missing.filter((m) => m.late).length
    : undefined;
  return { ...list, month, count };
}

/** Overdue visits that climbed to the user's level (GET /api/visit-dues/overdue: total, level). */
export function useOverdueCount(enabled: boolean) {
  return useQuery({
    // under 'visits', as the overdue list's own key: an escalation's live event refreshes both
    queryKey: ['visits', 'overdue', 'todo'],
    queryFn: ({ signal }) =>
      call(visitEndpoints.listOverdue, { query: { pageSize: 1 }, signal }).then((r) => ({
        total: r.total,
        level: r.level,
      })),
    enabled,
  });
}

/** The visitor's own worklist counts (overdue, today, this week). */
export function useWorklistCounts(enabled: boolean) {
  return useQuery({
    queryKey: ['visits', 'worklist', 'todo'],
    queryFn: ({ signal }) => call(visitEndpoints.getWorklist, { signal }).then((r) => r.counts),
    enabled,
  });
}

/** Others' export requests the user may decide, still waiting for a decision. */
export function useExportsToDecide(enabled: boolean) {
  return useQuery({
    queryKey: ['export-requests', 'todo', 'to_decide'],
    queryFn: ({ signal }) =>
      call(exportRequestEndpoints.listExportRequests, {
        query: { view: 'to_decide', status: 'requested', pageSize: 1 },
        signal,
      }).then((r) => r.total),
    enabled,
  });
}

/** Which to-do cards the user's role and permissions allow. */
export function todoCardsOf(me: MeView) {
  const may = (p: Parameters<typeof hasPermission>[1]) => hasPermission(me, p);
  const visitor = me.role === 'visitor';
  return {
    rosterReview: may('roster.review'),
    rosterLate: may('roster.read'),
    overdue: may('visit.read') && !visitor,
    worklist: may('visit.read') && visitor,
    emergencies: may('emergency.read'),
    visitRate: may('visit.read'),
    exportRequests: may('export.approve') && may('export.request'),
  };
}
