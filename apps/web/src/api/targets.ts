import type { Targets } from '@promwall/core/schemas';
import { queryOptions } from '@tanstack/react-query';
import { fetchPolled, policyKey, pollingOptions, type Polling } from './polling.ts';

/** Every scrape target and the counts by health: `GET /api/v1/targets`. */
export function targetsQuery(polling: Polling) {
  return queryOptions({
    queryKey: ['targets', policyKey(polling)],
    queryFn: ({ signal }) => fetchPolled<Targets>(polling, 'targets', '/api/v1/targets', signal),
    ...pollingOptions(polling),
  });
}
