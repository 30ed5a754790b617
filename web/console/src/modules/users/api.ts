import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import {
  userEndpoints,
  type CreateUserBody,
  type ListUsersQuery,
  type UpdateUserBody,
} from '../../../../../server/modules/users/contract.ts';
import { call } from '../../../../shared/api.ts';

type ListQuery = Partial<z.infer<typeof ListUsersQuery>>;

export const userKeys = {
  all: ['users'] as const,
  list: (q: ListQuery) => ['users', 'list', q] as const,
};

export function useUsers(query: ListQuery) {
  return useQuery({
    queryKey: userKeys.list(query),
    queryFn: ({ signal }) => call(userEndpoints.listUsers, { query, signal }),
    placeholderData: (previous) => previous,
  });
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof CreateUserBody>) => call(userEndpoints.createUser, { body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: z.input<typeof UpdateUserBody> }) =>
      call(userEndpoints.updateUser, { params: { id }, body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}

export function useResetPassword() {
  return useMutation({
    mutationFn: ({ id, newPassword }: { id: string; newPassword: string }) =>
      call(userEndpoints.resetPassword, { params: { id }, body: { newPassword } }),
  });
}

export function useRevealPhone() {
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) =>
      call(userEndpoints.revealUserPhone, { params: { id }, body: { reason } }),
  });
}
