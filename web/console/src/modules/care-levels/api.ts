import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import {
  careLevelEndpoints,
  type CareLevelRuleView,
  type ClassificationReport,
} from '../../../../../server/modules/care-levels/contract.ts';
import { call, download } from '../../../../shared/api.ts';

export type Rule = z.infer<typeof CareLevelRuleView>;
export type Report = z.infer<typeof ClassificationReport>;

export const careLevelKeys = {
  rules: ['care-level-rules'] as const,
  report: (divisionCode?: string) => ['classification', divisionCode ?? ''] as const,
  reports: ['classification'] as const,
  suggestion: (id: string) => ['subjects', 'suggestion', id] as const,
};

/** GET /api/care-level-rules: the rules in force (effectiveFrom null: the V4 defaults). */
export function useCareLevelRules(enabled = true) {
  return useQuery({
    queryKey: careLevelKeys.rules,
    queryFn: ({ signal }) => call(careLevelEndpoints.listCareLevelRules, { signal }),
    enabled,
  });
}

/** PUT /api/care-level-rules: new rules from today (an empty list puts the V4 defaults back). */
export function useReplaceCareLevelRules() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (rules: Rule[]) =>
      call(careLevelEndpoints.replaceCareLevelRules, { body: { rules } }),
    onSuccess: (saved) => {
      queryClient.setQueryData(careLevelKeys.rules, saved);
      // the suggestions and the report follow the rules
      void queryClient.invalidateQueries({ queryKey: careLevelKeys.reports });
      void queryClient.invalidateQueries({ queryKey: ['subjects', 'suggestion'] });
    },
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
