import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import {
  careLevelEndpoints,
  type CareLevelRules,
  type CareLevelRuleVersion,
  type CareLevelRuleView,
  type ClassificationReport,
} from '../../../../../server/modules/care-levels/contract.ts';
import { call, download } from '../../../../shared/api.ts';

export type Rule = z.infer<typeof CareLevelRuleView>;
export type RulesInForce = z.infer<typeof CareLevelRules>;
export type RuleVersion = z.infer<typeof CareLevelRuleVersion>;
export type Report = z.infer<typeof ClassificationReport>;

export const careLevelKeys = {
  rules: ['care-level-rules'] as const,
  history: (page: number) => ['care-level-rules', 'history', page] as const,
  report: (divisionCode?: string) => ['classification', divisionCode ?? ''] as const,
  reports: ['classification'] as const,
  suggestion: (id: string) => ['subjects', 'suggestion', id] as const,
};

/** GET /api/care-level-rules: the rules in force, their version and whether they are the defaults. */
export function useCareLevelRules(enabled = true) {
  return useQuery({
    queryKey: careLevelKeys.rules,
    queryFn: ({ signal }) => call(careLevelEndpoints.listCareLevelRules, { signal }),
    enabled,
  });
}

/** GET /api/care-level-rules/history: every saved version, the newest first. */
export function useCareLevelRuleHistory(page: number) {
  return useQuery({
    queryKey: careLevelKeys.history(page),
    queryFn: ({ signal }) =>
      call(careLevelEndpoints.listCareLevelRuleVersions, {
        query: { page, pageSize: 10 },
        signal,
      }),
    placeholderData: (previous) => previous,
  });
}

/** After a save: the rules in force, their history, the suggestions and the report follow. */
function useRulesSaved() {
  const queryClient = useQueryClient();
  return (saved: RulesInForce) => {
    queryClient.setQueryData(careLevelKeys.rules, saved);
    void queryClient.invalidateQueries({ queryKey: ['care-level-rules', 'history'] });
    void queryClient.invalidateQueries({ queryKey: careLevelKeys.reports });
    void queryClient.invalidateQueries({ queryKey: ['subjects', 'suggestion'] });
  };
}

/**
 * PUT /api/care-level-rules: a new version from today, made from `baseVersion` (refused when
 * someone else saved another since; an empty set is refused too).
 */
export function useReplaceCareLevelRules() {
  const onSuccess = useRulesSaved();
  return useMutation({
    mutationFn: (v: { rules: Rule[]; baseVersion: number | null }) =>
      call(careLevelEndpoints.replaceCareLevelRules, { body: v }),
    onSuccess,
  });
}

/** POST /api/care-level-rules/restore-defaults: the V4 defaults as a new version from today. */
export function useRestoreDefaultCareLevelRules() {
  const onSuccess = useRulesSaved();
  return useMutation({
    mutationFn: () => call(careLevelEndpoints.restoreDefaultCareLevelRules, {}),
    onSuccess,
  });
}

/** GET /api/subjects/:id/suggested-care-level: what the rules say, and why. */
export function useSuggestedCareLevel(id: string) {
  return useQuery({
    queryKey: careLevelKeys.suggestion(id),
    queryFn: ({ signal }) => call(careLevelEndpoints.suggestCareLevel, { params: { id }, signal }),
  });
}

/** GET /api/care-levels/classification: the counts by street or community, and who to review. */
export function useClassification(divisionCode?: string) {
  return useQuery({
    queryKey: careLevelKeys.report(divisionCode),
    queryFn: ({ signal }) =>
      call(careLevelEndpoints.getClassification, { query: { divisionCode }, signal }),
    placeholderData: (previous) => previous,
  });
}

/** GET …/classification/export: the same report as an Excel file. */
export function exportClassification(divisionCode: string | undefined, fileName: string) {
  return download(careLevelEndpoints.exportClassification, {
    query: { divisionCode },
    fileName,
  });
}
