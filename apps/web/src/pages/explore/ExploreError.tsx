import { classifyFailure, HttpError } from '../../api/client.ts';
import { PrometheusError } from '../../api/prometheus.ts';

export interface ExploreErrorProps {
  error: Error;
}

function promwallTitle(error: Error): string {
  const failure = classifyFailure(error);
  if (failure.kind === 'api-unreachable') return 'Promwall API unreachable';
  if (failure.kind === 'upstream-unreachable') return 'Prometheus unreachable';
  if (error instanceof HttpError && error.status < 500) return 'Refused by Promwall';
  return 'The query failed';
}

/**
 * A failed query. Prometheus's own message (`1:5: parse error: …`) is shown exactly as it came,
 * in the editor's type; Promwall's errors (API or Prometheus unreachable, a timeout, a refused
 * request) look different, so nobody goes hunting for a typo when the network is down.
 */
export function ExploreError({ error }: ExploreErrorProps) {
  if (error instanceof PrometheusError) {
    return (
      <div
        className="explore-error explore-error--prometheus"
        role="alert"
        data-testid="explore-error"
        data-source="prometheus"
      >
        <p className="explore-error__title">
          Error from Prometheus <span className="explore-error__type">{error.errorType}</span>
        </p>
        <pre className="explore-error__message">{error.error}</pre>
      </div>
    );
  }
  return (
    <div
      className="explore-error explore-error--promwall"
      role="alert"
      data-testid="explore-error"
      data-source="promwall"
    >
      <p className="explore-error__title">
        {promwallTitle(error)}
        <span className="explore-error__type">
          {error instanceof HttpError ? `Promwall · ${error.code}` : 'Promwall'}
        </span>
      </p>
      <p className="explore-error__detail">{error.message}</p>
    </div>
  );
}
