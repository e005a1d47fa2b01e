import type { Alerts } from '@promwall/core/schemas';
import { queryOptions } from '@tanstack/react-query';
import { fetchPolled, policyKey, pollingOptions, type Polling } from './polling.ts';

/** Firing and pending alerts with the counts: `GET /api/v1/alerts`. */
export function alertsQuery(polling: Polling) {
  return queryOptions({
    queryKey: ['alerts', policyKey(polling)],
    queryFn: ({ signal }) => fetchPolled<Alerts>(polling, 'alerts', '/api/v1/alerts', signal),
    ...pollingOptions(polling),
  });
}
