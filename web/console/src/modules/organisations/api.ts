import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import {
  organisationEndpoints,
  type CreateOrganisationBody,
  type ListOrganisationsQuery,
  type UpdateOrganisationBody,
} from '../../../../../server/modules/organisations/contract.ts';
import { call } from '../../../../shared/api.ts';

type ListQuery = Partial<z.infer<typeof ListOrganisationsQuery>>;

export const organisationKeys = {
  all: ['organisations'] as const,
  list: (q: ListQuery) => ['organisations', 'list', q] as const,
};

export function useOrganisations(query: ListQuery, enabled = true) {
  return useQuery({
    queryKey: organisationKeys.list(query),
    queryFn: ({ signal }) => call(organisationEndpoints.listOrganisations, { query, signal }),
    placeholderData: (previous) => previous,
    enabled,
  });
}

export function useCreateOrganisation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof CreateOrganisationBody>) =>
      call(organisationEndpoints.createOrganisation, { body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: organisationKeys.all }),
  });
}

export function useUpdateOrganisation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: z.input<typeof UpdateOrganisationBody> }) =>
      call(organisationEndpoints.updateOrganisation, { params: { id }, body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: organisationKeys.all }),
  });
}
