import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { Permission } from '../../server/platform/contract/permissions.ts';
import { authEndpoints, type MeView } from '../../server/modules/users/contract.ts';
import { call, isApiError } from './api.ts';
import { dismissSessionExpired } from './session-notice.ts';

/** The signed-in user (null when signed out), their role, permissions and scope. */
export const meQueryKey = ['auth', 'me'] as const;

async function fetchMe(): Promise<MeView | null> {
  try {
    return await call(authEndpoints.me);
  } catch (err) {
    if (isApiError(err) && err.status === 401) return null;
    throw err;
  }
}

export function useMe() {
  return useQuery({
    queryKey: meQueryKey,
    queryFn: fetchMe,
    staleTime: 5 * 60_000,
    retry: (count, err) => !(isApiError(err) && err.status < 500) && count < 2,
  });
}

export function hasPermission(me: MeView | null | undefined, permission: Permission): boolean {
  return me?.permissions.includes(permission) ?? false;
}

/** Forget the user and every cached answer (they belong to the previous session). */
export function clearSession(queryClient: QueryClient): void {
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== meQueryKey[0] });
  queryClient.setQueryData(meQueryKey, null);
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { username: string; password: string }) =>
      call(authEndpoints.login, { body }),
    onSuccess: (me) => {
      dismissSessionExpired();
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== meQueryKey[0] });
      queryClient.setQueryData(meQueryKey, me);
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      try {
        await call(authEndpoints.logout);
      } catch (err) {
        // an expired session is as good as a finished one
        if (!(isApiError(err) && err.status === 401)) throw err;
      }
    },
    onSuccess: () => {
      // signing out on purpose after a timeout: "已退出登录" says enough
      dismissSessionExpired();
      clearSession(queryClient);
    },
  });
}

export function useChangePassword() {
  return useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) =>
      call(authEndpoints.changePassword, { body }),
  });
}

/** Only same-app relative paths are followed after login (no open redirect). */
export function safeNext(next: string | null, fallback: string, base = ''): string {
  if (!next || !next.startsWith('/') || next.startsWith('//')) return fallback;
  if (base && !next.startsWith(base)) return fallback;
  return next;
}
