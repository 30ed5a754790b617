import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import {
  calendarEndpoints,
  type CalendarEntry,
  type CalendarYears,
  type CalendarYearView,
} from '../../../../../server/modules/calendar/contract.ts';
import { call } from '../../../../shared/api.ts';

export type Entry = z.infer<typeof CalendarEntry>;
export type Years = z.infer<typeof CalendarYears>;
export type YearView = z.infer<typeof CalendarYearView>;

export const calendarKeys = {
  years: ['calendar', 'years'] as const,
  year: (year: number) => ['calendar', 'years', year] as const,
};

/** GET /api/calendar/years: the years entered and the warning (next year from November). */
export function useCalendarYears(enabled = true) {
  return useQuery({
    queryKey: calendarKeys.years,
    queryFn: ({ signal }) => call(calendarEndpoints.listCalendarYears, { signal }),
    enabled,
  });
}

/** GET /api/calendar/years/:year: a year's holidays and make-up working days. */
export function useCalendarYear(year: number | null) {
  return useQuery({
    queryKey: calendarKeys.year(year ?? 0),
    queryFn: ({ signal }) =>
      call(calendarEndpoints.getCalendarYear, { params: { year: year ?? 0 }, signal }),
    enabled: year !== null,
  });
}

/** POST /api/calendar/years (a new year) or PUT /api/calendar/years/:year (the whole year). */
export function useSaveCalendarYear() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { year: number; entries: Entry[]; isNew: boolean }) =>
      v.isNew
        ? call(calendarEndpoints.createCalendarYear, {
            body: { year: v.year, entries: v.entries },
          })
        : call(calendarEndpoints.replaceCalendarYear, {
            params: { year: v.year },
            body: { entries: v.entries },
          }),
    onSuccess: (saved) => {
      queryClient.setQueryData(calendarKeys.year(saved.year), saved);
      void queryClient.invalidateQueries({ queryKey: calendarKeys.years, exact: true });
    },
  });
}
