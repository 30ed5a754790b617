import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { visitEndpoints } from '../../../../../server/modules/visits/contract.ts';
import { call } from '../../../../shared/api.ts';
import { currentLanguage } from '../../../../shared/i18n.ts';

export type VisitRate = z.infer<typeof visitEndpoints.getVisitRate.response>;
export type RateRow = VisitRate['rows'][number];
export type RateTally = RateRow['all'];

export const visitRateKeys = {
  all: ['visit-rate'] as const,
  rate: (month: string, divisionCode: string | undefined) =>
    ['visit-rate', month, divisionCode ?? ''] as const,
};

/**
 * GET /api/visits/rate: a month's visit rate per division one level below `divisionCode` (the
 * caller's scope when none) and per care level; the table and the home page read the same answer.
 */
export function useVisitRate(month: string, divisionCode: string | undefined, enabled = true) {
  return useQuery({
    queryKey: visitRateKeys.rate(month, divisionCode),
    queryFn: ({ signal }) =>
      call(visitEndpoints.getVisitRate, {
        query: { month, ...(divisionCode ? { divisionCode } : {}) },
        signal,
      }),
    placeholderData: (previous) => previous,
    enabled,
  });
}

/** 87.5%: a rate of 0…1 in the language's way, one decimal; — when nobody was in care. */
export function formatRate(rate: number | null): string {
  if (rate === null) return '—';
  return new Intl.NumberFormat(currentLanguage(), {
    style: 'percent',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(rate);
}
