import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './api/fetchJson';

const MAX_RETRIES = 2;

/** Query defaults live here once; per-resource options only add what differs. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 10_000,
        // A 4xx answer will not change on retry; network and 5xx failures may.
        retry: (failureCount, error) =>
          failureCount < MAX_RETRIES && !(error instanceof ApiError && error.status < 500),
      },
    },
  });
}
