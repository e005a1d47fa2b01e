import { useQuery } from '@tanstack/react-query';
import { healthQueryOptions } from '../api/health';

const timeFormat = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });

type HealthState = 'loading' | 'ok' | 'error';

const LABELS: Record<HealthState, string> = {
  loading: 'Checking…',
  ok: 'Healthy',
  error: 'Unavailable',
};

export function HealthPanel() {
  const { data, error, status, dataUpdatedAt, errorUpdatedAt } = useQuery(healthQueryOptions());
  const state: HealthState = status === 'pending' ? 'loading' : status === 'success' ? 'ok' : 'error';

  let detail: string;
  let checkedAt: number | undefined;
  if (state === 'ok' && data) {
    detail = `Version ${data.version}`;
    checkedAt = dataUpdatedAt;
  } else if (state === 'error' && error) {
    detail = error.message;
    checkedAt = errorUpdatedAt;
  } else {
    detail = 'Contacting the Promwall API';
  }

  return (
    <section className="panel health" data-testid="api-health" data-state={state}>
      <h2 className="panel__title">Promwall API</h2>
      {/* Only the status is announced: the check time changes on every poll. */}
      <p className="health__status" role="status">
        <span className={`status-dot status-dot--${state}`} aria-hidden="true" />
        {LABELS[state]}
      </p>
      <p className="health__detail">{detail}</p>
      {checkedAt !== undefined && <p className="health__checked">Checked {timeFormat.format(checkedAt)}</p>}
    </section>
  );
}
