import { ApiError, NetworkError } from './fetchJson.ts';

/** What went wrong, in the words a panel shows: the cases an SRE must tell apart. */
export type Failure =
  | { kind: 'api-unreachable'; message: string }
  | { kind: 'upstream-unreachable'; message: string }
  | { kind: 'query-error'; message: string }
  | { kind: 'error'; message: string };

export function classifyFailure(error: Error): Failure {
  if (error instanceof NetworkError) return { kind: 'api-unreachable', message: 'The Promwall API is unreachable' };
  if (!(error instanceof ApiError)) return { kind: 'error', message: error.message };
  if (error.code === 'upstream_unreachable' || error.code === 'upstream_timeout' || error.code === 'not_ready') {
    return { kind: 'upstream-unreachable', message: error.message };
  }
  if (error.code === 'query_error' || error.code === 'ambiguous_query')
    return { kind: 'query-error', message: error.message };
  return { kind: 'error', message: error.message };
}
