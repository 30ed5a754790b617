import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import {
  householdLocationEndpoints,
  subjectEndpoints,
  type ListSubjectsQuery,
  type revealableFields,
  type SearchSubjectsBody,
  type SetCareLevelBody,
} from '../../../../../server/modules/subjects/contract.ts';
import {
  rosterEndpoints,
  type RemoveSubjectBody,
} from '../../../../../server/modules/rosters/contract.ts';
import { call } from '../../../../shared/api.ts';

type ListQuery = Partial<z.infer<typeof ListSubjectsQuery>>;
export type SearchBody = z.input<typeof SearchSubjectsBody>;
export type RevealableField = (typeof revealableFields)[number];

export const subjectKeys = {
  all: ['subjects'] as const,
  lists: ['subjects', 'list'] as const,
  list: (q: ListQuery) => ['subjects', 'list', q] as const,
  search: (body: SearchBody) => ['subjects', 'search', body] as const,
  detail: (id: string) => ['subjects', 'detail', id] as const,
  household: (id: string, language: string) => ['households', id, language] as const,
  households: ['households'] as const,
};

/** GET /api/subjects: the filters of the URL, sorted by pinyin on the server. */
export function useSubjects(query: ListQuery, enabled = true) {
  return useQuery({
    queryKey: subjectKeys.list(query),
    queryFn: ({ signal }) => call(subjectEndpoints.listSubjects, { query, signal }),
    placeholderData: (previous) => previous,
    enabled,
  });
}

/**
 * POST /api/subjects/search: an ID number or a phone travels in the body, never in a URL; the
 * answer is not kept once the search is left (gcTime 0).
 */
export function useSearchSubjects(body: SearchBody | null) {
  return useQuery({
    queryKey: subjectKeys.search(body ?? {}),
    queryFn: ({ signal }) => call(subjectEndpoints.searchSubjects, { body: body ?? {}, signal }),
    enabled: body !== null,
    placeholderData: (previous) => previous,
    gcTime: 0,
  });
}

/** GET /api/subjects/:id: the subject's file (each read is audited on the server). */
export function useSubject(id: string | null) {
  return useQuery({
    queryKey: subjectKeys.detail(id ?? ''),
    queryFn: ({ signal }) =>
      call(subjectEndpoints.getSubject, { params: { id: id ?? '' }, signal }),
    enabled: id !== null,
  });
}

/** GET /api/households/:id: the timeline's titles come in the caller's language, hence the key. */
export function useHousehold(id: string) {
  const { i18n } = useTranslation();
  return useQuery({
    queryKey: subjectKeys.household(id, i18n.language),
    queryFn: ({ signal }) => call(subjectEndpoints.getHousehold, { params: { id }, signal }),
    placeholderData: (previous) => previous,
  });
}

/** POST /api/subjects/:id/reveal with a reason; the read is written to the audit log. */
export function useRevealSubject() {
  return useMutation({
    mutationFn: ({ id, field, reason }: { id: string; field: RevealableField; reason: string }) =>
      call(subjectEndpoints.revealSubject, { params: { id }, body: { field, reason } }),
  });
}

/** PUT /api/subjects/:id/care-level with the version read, so a concurrent change is refused. */
export function useSetCareLevel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: z.input<typeof SetCareLevelBody> }) =>
      call(subjectEndpoints.setCareLevel, { params: { id }, body }),
    onSuccess: (detail) => {
      queryClient.setQueryData(subjectKeys.detail(detail.id), detail);
      void queryClient.invalidateQueries({ queryKey: subjectKeys.lists });
      void queryClient.invalidateQueries({ queryKey: subjectKeys.households });
    },
    // a version conflict: read the subject again, so a retry sends the current version
    onError: (_err, { id }) =>
      void queryClient.invalidateQueries({ queryKey: subjectKeys.detail(id) }),
  });
}

/** POST /api/roster-rounds/removals: proposes taking a subject off the roster, with a reason. */
export function useProposeRemoval() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof RemoveSubjectBody>) =>
      call(rosterEndpoints.removeFromRoster, { body }),
    // the month's round changed; its cache key belongs to the rosters pages
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['roster-rounds'] }),
  });
}

/** PUT /api/households/:id/location: the place picked on the map (WGS-84), confirmed by saving it. */
export function useSetHouseholdLocation(householdId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (at: { lat: number; lng: number }) =>
      call(householdLocationEndpoints.setHouseholdLocation, {
        params: { id: householdId },
        body: at,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: subjectKeys.households }),
  });
}

/** POST /api/households/:id/location/confirm: the first home visit's place becomes the household's. */
export function useConfirmHouseholdLocation(householdId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      call(householdLocationEndpoints.confirmHouseholdLocation, { params: { id: householdId } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: subjectKeys.households }),
  });
}
