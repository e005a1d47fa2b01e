import { QueryClient } from '@tanstack/react-query';
import { HttpError } from './api/client.ts';

const MAX_RETRIES = 2;

/** Query defaults live here once; per-resource options only add what differs. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 10_000,
        // A 4xx answer will not change on retry; network and 5xx failures may. A timeout already
        // waited the whole upstream timeout: retrying it would keep a panel "loading" for minutes.
        retry: (failureCount, error) =>
          failureCount < MAX_RETRIES &&
          !(error instanceof HttpError && (error.status < 500 || error.code === 'upstream_timeout')),
      },
    },
  });
}
