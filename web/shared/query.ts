import { QueryClient } from '@tanstack/react-query';
import { isApiError } from './api.ts';

/** One QueryClient per app: no retry on 4xx (the answer will not change), short stale time. */
export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        retry: (count, err) =>
          !(isApiError(err) && err.status > 0 && err.status < 500) && count < 2,
      },
      mutations: { retry: false },
    },
  });
}
