import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import {
  divisionEndpoints,
  type CreateDivisionBody,
  type UpdateDivisionBody,
} from '../../../../../server/modules/divisions/contract.ts';
import { call, isApiError } from '../../../../shared/api.ts';

/** TanStack Query hooks over the division endpoints. */
export const divisionKeys = {
  all: ['divisions'] as const,
  list: (includeInactive: boolean) => ['divisions', 'list', includeInactive] as const,
  one: (code: string) => ['divisions', 'one', code] as const,
};

export function useDivisionList(includeInactive = false) {
  return useQuery({
    queryKey: divisionKeys.list(includeInactive),
    queryFn: ({ signal }) =>
      call(divisionEndpoints.listDivisions, {
        query: includeInactive ? { includeInactive: 'true' } : {},
        signal,
      }).then((r) => r.items),
    staleTime: 5 * 60_000,
    placeholderData: (previous) => previous,
  });
}

export function useDivision(code: string | undefined) {
  return useQuery({
    queryKey: divisionKeys.one(code ?? ''),
    queryFn: ({ signal }) =>
      call(divisionEndpoints.getDivision, { params: { code: code ?? '' }, signal }),
    enabled: Boolean(code),
    // outside the scope is 404: asking again will not change it
    retry: (count, err) => !(isApiError(err) && err.status === 404) && count < 2,
  });
}

export function useCreateDivision() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof CreateDivisionBody>) =>
      call(divisionEndpoints.createDivision, { body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: divisionKeys.all }),
  });
}

export function useUpdateDivision(code: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof UpdateDivisionBody>) =>
      call(divisionEndpoints.updateDivision, { params: { code }, body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: divisionKeys.all }),
  });
}
