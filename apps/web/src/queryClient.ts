import { QueryCache, QueryClient } from '@tanstack/react-query';
import { HttpError } from './api/client.ts';
import { SESSION_KEY } from './api/session.ts';

const MAX_RETRIES = 2;

/** Query defaults live here once; per-resource options only add what differs. */
export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    // A 401 anywhere means the token went (removed, or its cookie expired): the session is asked
    // again, and the views behind a gate turn to the sign-in page.
    queryCache: new QueryCache({
      onError: (error) => {
        if (error instanceof HttpError && error.status === 401)
          void client.invalidateQueries({ queryKey: SESSION_KEY });
      },
    }),
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
  return client;
}
