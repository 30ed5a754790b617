import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import {
  visitEndpoints,
  type AssignBody,
  type CreateCampaignBody,
  type HandOverBody,
  type ListVisitsQuery,
  type OverdueQuery,
  type RecordVisitBody,
  type ReviewVisitBody,
  type SaveCarePlanBody,
  type SaveVisitPolicyBody,
  type UnassignBody,
} from '../../../../../server/modules/visits/contract.ts';
import { call } from '../../../../shared/api.ts';

type VisitsQuery = Partial<z.infer<typeof ListVisitsQuery>>;
type OverdueListQuery = Partial<z.infer<typeof OverdueQuery>>;
export type VisitView = z.infer<typeof visitEndpoints.reviewVisit.response>;
/** One visit as its drawer shows it: with the household's place now. */
export type VisitDetail = z.infer<typeof visitEndpoints.getVisit.response>;
export type Worklist = z.infer<typeof visitEndpoints.getWorklist.response>;
export type WorklistItem = Worklist['items'][number];
export type OverdueList = z.infer<typeof visitEndpoints.listOverdue.response>;
export type DueView = OverdueList['items'][number];
export type VisitorView = z.infer<typeof visitEndpoints.listVisitors.response>['items'][number];
export type CaseloadItem = z.infer<typeof visitEndpoints.getCaseload.response>['items'][number];
export type VisitPolicyPage = z.infer<typeof visitEndpoints.getVisitPolicy.response>;
export type VisitPolicyView = VisitPolicyPage['current'];
export type PolicyRules = VisitPolicyView['rules'];

export const visitKeys = {
  all: ['visits'] as const,
  list: (q: VisitsQuery) => ['visits', 'list', q] as const,
  detail: (id: string) => ['visits', 'detail', id] as const,
  worklist: (visitorId: string | undefined) => ['visits', 'worklist', visitorId ?? 'me'] as const,
  overdue: (q: OverdueListQuery) => ['visits', 'overdue', q] as const,
  visitors: ['visits', 'visitors'] as const,
  caseload: (id: string, page: number, pageSize: number, q: string) =>
    ['visits', 'caseload', id, page, pageSize, q] as const,
  policy: ['visit-policy'] as const,
};

/** GET /api/visits: the ledger, newest first. */
export function useVisits(query: VisitsQuery) {
  return useQuery({
    queryKey: visitKeys.list(query),
    queryFn: ({ signal }) => call(visitEndpoints.listVisits, { query, signal }),
    placeholderData: keepPreviousData,
  });
}

/** GET /api/visits/:id: one visit (each read is audited). */
export function useVisit(id: string | null) {
  return useQuery({
    queryKey: visitKeys.detail(id ?? ''),
    queryFn: ({ signal }) => call(visitEndpoints.getVisit, { params: { id: id ?? '' }, signal }),
    enabled: id !== null,
  });
}

/** GET /api/visits/worklist: the caller's own, or the visitor's named. */
export function useWorklist(visitorId: string | undefined, enabled = true) {
  return useQuery({
    queryKey: visitKeys.worklist(visitorId),
    queryFn: ({ signal }) =>
      call(visitEndpoints.getWorklist, { query: visitorId ? { visitorId } : {}, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** GET /api/visit-dues/overdue: what has climbed to the caller's level, with its counts. */
export function useOverdue(query: OverdueListQuery) {
  return useQuery({
    queryKey: visitKeys.overdue(query),
    queryFn: ({ signal }) => call(visitEndpoints.listOverdue, { query, signal }),
    placeholderData: keepPreviousData,
  });
}

/** GET /api/visitors: the visitors of the caller's scope with their caseload. */
export function useVisitors(enabled = true) {
  return useQuery({
    queryKey: visitKeys.visitors,
    queryFn: ({ signal }) => call(visitEndpoints.listVisitors, { query: {}, signal }),
    enabled,
  });
}

/** GET /api/visitors/:id/caseload, a page of it. */
export function useCaseload(id: string, page: number, pageSize: number, q = '') {
  return useQuery({
    queryKey: visitKeys.caseload(id, page, pageSize, q),
    queryFn: ({ signal }) =>
      call(visitEndpoints.getCaseload, {
        params: { id },
        query: { page, pageSize, ...(q ? { q } : {}) },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

/** GET /api/visit-policy: the version in force and those scheduled. */
export function useVisitPolicy() {
  return useQuery({
    queryKey: visitKeys.policy,
    queryFn: ({ signal }) => call(visitEndpoints.getVisitPolicy, { signal }),
  });
}

/** Everything that counts visits or dues is stale after a write. */
function useInvalidateVisits() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: visitKeys.all });
}

/** POST /api/visits (the submission's Idempotency-Key is kept across retries by `call`). */
export function useRecordVisit() {
  const invalidate = useInvalidateVisits();
  return useMutation({
    mutationFn: (body: RecordVisitBody) => call(visitEndpoints.recordVisit, { body }),
    onSuccess: () => void invalidate(),
  });
}

/** POST /api/visits/:id/review: accept, or return with a reason (the key is kept by `call`). */
export function useReviewVisit(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof ReviewVisitBody>) =>
      call(visitEndpoints.reviewVisit, { params: { id }, body }),
    onSuccess: (v) => {
      // the drawer's detail keeps what only GET /api/visits/:id answers (the household's place)
      queryClient.setQueryData<VisitDetail>(visitKeys.detail(id), (old) =>
        old ? { ...old, ...v } : old,
      );
      void queryClient.invalidateQueries({ queryKey: visitKeys.all });
    },
  });
}

/** POST /api/assignments. */
export function useAssignSubjects() {
  const invalidate = useInvalidateVisits();
  return useMutation({
    mutationFn: (body: z.input<typeof AssignBody>) => call(visitEndpoints.assignSubjects, { body }),
    onSuccess: () => void invalidate(),
  });
}

/** POST /api/assignments/hand-over. */
export function useHandOver() {
  const invalidate = useInvalidateVisits();
  return useMutation({
    mutationFn: (body: z.input<typeof HandOverBody>) => call(visitEndpoints.handOver, { body }),
    onSuccess: () => void invalidate(),
  });
}

/** POST /api/assignments/unassign. */
export function useUnassignSubjects() {
  const invalidate = useInvalidateVisits();
  return useMutation({
    mutationFn: (body: z.input<typeof UnassignBody>) =>
      call(visitEndpoints.unassignSubjects, { body }),
    onSuccess: () => void invalidate(),
  });
}

/** PUT /api/visit-policy with the version edited; another save since answers 409. */
export function useSaveVisitPolicy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof SaveVisitPolicyBody>) =>
      call(visitEndpoints.saveVisitPolicy, { body }),
    onSuccess: (page) => {
      queryClient.setQueryData(visitKeys.policy, page);
      void queryClient.invalidateQueries({ queryKey: visitKeys.all });
    },
  });
}

export type CarePlanView = NonNullable<z.infer<typeof visitEndpoints.getCarePlan.response>['plan']>;
export type CampaignView = z.infer<typeof visitEndpoints.listCampaigns.response>['items'][number];
const planKey = (householdId: string) => ['care-plan', householdId] as const;
const campaignsKey = ['visit-campaigns'] as const;

/** GET /api/households/:id/care-plan: the household's plan, or none yet. */
export function useCarePlan(householdId: string) {
  return useQuery({
    queryKey: planKey(householdId),
    queryFn: ({ signal }) =>
      call(visitEndpoints.getCarePlan, { params: { id: householdId }, signal }),
  });
}

/** PUT /api/households/:id/care-plan with the version edited; what is due follows. */
export function useSaveCarePlan(householdId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof SaveCarePlanBody>) =>
      call(visitEndpoints.saveCarePlan, { params: { id: householdId }, body }),
    onSuccess: (plan) => {
      queryClient.setQueryData(planKey(householdId), { plan });
      void queryClient.invalidateQueries({ queryKey: visitKeys.all });
      void queryClient.invalidateQueries({ queryKey: ['households', householdId] });
    },
  });
}

/** GET /api/visit-campaigns */
export function useCampaigns(enabled = true) {
  return useQuery({
    queryKey: campaignsKey,
    queryFn: ({ signal }) => call(visitEndpoints.listCampaigns, { signal }),
    enabled,
  });
}

/** POST /api/visit-campaigns, and …/:id/cancel (each with its Idempotency-Key, kept by `call`). */
export function useCampaignActions() {
  const queryClient = useQueryClient();
  const settled = () => {
    void queryClient.invalidateQueries({ queryKey: campaignsKey });
    void queryClient.invalidateQueries({ queryKey: visitKeys.all });
  };
  return {
    create: useMutation({
      mutationFn: (body: z.input<typeof CreateCampaignBody>) =>
        call(visitEndpoints.createCampaign, { body }),
      onSuccess: settled,
    }),
    cancel: useMutation({
      mutationFn: (id: string) => call(visitEndpoints.cancelCampaign, { params: { id } }),
      onSuccess: settled,
    }),
  };
}
