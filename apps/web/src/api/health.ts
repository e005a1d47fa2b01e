import { queryOptions } from '@tanstack/react-query';
import { fetchJson } from './fetchJson';

/** `GET /healthz`: the API process is up. */
export interface HealthResult {
  status: 'ok';
  version: string;
}

const HEALTH_REFRESH_MS = 15_000;

export function healthQueryOptions() {
  return queryOptions({
    queryKey: ['healthz'],
    queryFn: ({ signal }) => fetchJson<HealthResult>('/healthz', { signal }),
    refetchInterval: HEALTH_REFRESH_MS,
  });
}
