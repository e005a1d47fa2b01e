import { formatAge } from '@promwall/core/units';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { classifyFailure, type Failure } from '../api/client.ts';
import { useNow } from '../hooks/useNow.ts';
import { useStaleReport } from './StaleBoundary.tsx';

export type PanelCondition = 'loading' | 'ok' | 'no-data' | 'stale' | Failure['kind'];

export interface PanelStateProps<T> {
  query: Pick<UseQueryResult<T>, 'data' | 'error' | 'dataUpdatedAt' | 'isPending'>;
  /** The page's refresh interval; 0 when off. Data older than two of them is stale. */
  refreshMs: number;
  isEmpty?: (data: T) => boolean;
  /** The API's own word that these are the last good values (the summary's `stale`). */
  markedStale?: (data: T) => boolean;
  /** When the data was last good, when the answer says so (the summary's `lastSuccessAt`);
   * otherwise when the browser received it. */
  updatedAt?: (data: T) => number;
  emptyText?: string;
  emptyMessage?: string;
  children: (data: T) => ReactNode;
}

const FAILURE_TITLES: Record<Failure['kind'], string> = {
  'api-unreachable': 'Promwall API unreachable',
  'upstream-unreachable': 'Prometheus unreachable',
  'query-error': 'Query failed',
  error: 'Something went wrong',
};

/** The condition a panel is in, from its query: pure, so it is tested without rendering. */
export function panelCondition<T>(
  { data, error, dataUpdatedAt, isPending }: PanelStateProps<T>['query'],
  refreshMs: number,
  now: number,
  isEmpty: (data: T) => boolean = () => false,
  markedStale: (data: T) => boolean = () => false,
): { condition: PanelCondition; failure?: Failure } {
  if (data === undefined) {
    if (error) {
      const failure = classifyFailure(error);
      return { condition: failure.kind, failure };
    }
    return { condition: isPending ? 'loading' : 'no-data' };
  }
  const late = refreshMs > 0 && now - dataUpdatedAt > 2 * refreshMs;
  if (error || late || markedStale(data)) {
    return { condition: 'stale', ...(error ? { failure: classifyFailure(error) } : {}) };
  }
  return { condition: isEmpty(data) ? 'no-data' : 'ok' };
}

/**
 * Every panel says which of these it is in: loading, no data, a query error, Prometheus or the
 * API unreachable, or stale (old values kept on screen, dimmed, with their age). Never a blank,
 * never a made-up zero. Inside a StaleBoundary, a stale panel only dims: the page's one banner
 * says since when and why.
 */
export function PanelState<T>({
  query,
  refreshMs,
  isEmpty,
  markedStale,
  updatedAt: updatedAtOf,
  emptyText = 'No data',
  emptyMessage = 'The query returned nothing for this range.',
  children,
}: PanelStateProps<T>) {
  const now = useNow();
  const { condition, failure } = panelCondition(query, refreshMs, now, isEmpty, markedStale);
  const stale = condition === 'stale' && query.data !== undefined;
  const updatedAt = stale
    ? Math.min(query.dataUpdatedAt, updatedAtOf?.(query.data as T) ?? Number.POSITIVE_INFINITY)
    : undefined;
  const reported = useStaleReport(
    updatedAt === undefined ? undefined : { updatedAt, reason: failure ? FAILURE_TITLES[failure.kind] : undefined },
  );

  if (condition === 'loading') {
    return (
      <div className="panel-state panel-state--loading" data-panel-state="loading" aria-busy="true">
        <span className="skeleton" />
        <span className="visually-hidden">Loading…</span>
      </div>
    );
  }
  if (query.data === undefined || condition === 'no-data') {
    if (failure) {
      return (
        <div className={`panel-state panel-state--failure`} data-panel-state={condition} role="alert">
          <p className="panel-state__title">{FAILURE_TITLES[failure.kind]}</p>
          <p className="panel-state__message">{failure.message}</p>
        </div>
      );
    }
    return (
      <div className="panel-state panel-state--empty" data-panel-state="no-data">
        <p className="panel-state__title">{emptyText}</p>
        <p className="panel-state__message">{emptyMessage}</p>
      </div>
    );
  }
  return (
    <div className={stale ? 'panel-state panel-state--stale' : 'panel-state'} data-panel-state={condition}>
      {stale && !reported && (
        <p className="stale-banner" role="status">
          Stale · updated {formatAge(now - updatedAt!)}
          {failure ? ` · ${FAILURE_TITLES[failure.kind]}` : ''}
        </p>
      )}
      <div className="panel-state__content">{children(query.data)}</div>
    </div>
  );
}
