import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import {
  abilityAssessmentEndpoints,
  type ScoreAbilityBody,
} from '../../../../../server/modules/ability-assessments/contract.ts';
import { call } from '../../../../shared/api.ts';

export type ScoreBody = z.input<typeof ScoreAbilityBody>;

/**
 * GET /api/ability-assessments/items: the GB/T 42195-2022 form (domains, items, scores, levels)
 * named by the server in the language of the request, and how the deployment adjusts the level.
 */
export function useAbilityItems() {
  const { i18n } = useTranslation();
  return useQuery({
    queryKey: ['ability-items', i18n.language],
    queryFn: ({ signal }) => call(abilityAssessmentEndpoints.listAbilityItems, { signal }),
    staleTime: Infinity,
  });
}

/**
 * POST /api/ability-assessments/score of a complete form (null: not yet complete, nothing asked):
 * the total, the preliminary and the final level, one implementation on the server. Stores nothing.
 */
export function useAbilityScore(body: ScoreBody | null) {
  return useQuery({
    queryKey: ['ability-score', body],
    queryFn: ({ signal }) =>
      call(abilityAssessmentEndpoints.scoreAbilityAssessment, {
        body: body as ScoreBody,
        signal,
      }),
    enabled: body !== null,
    placeholderData: (previous) => previous,
    staleTime: Infinity,
  });
}
