import type { HeadlineKey } from '@promwall/core/headline';
import { useQueries, useQuery } from '@tanstack/react-query';
import type { Filters } from '../../api/queries.ts';
import type { RefreshMonitor } from './refreshMonitor.ts';
import { freshness, type Freshness } from './staleness.ts';
import {
  SPARK_POINTS,
  SPARK_RANGE,
  summaryServedAt,
  tvAlertsQuery,
  tvSeriesQuery,
  tvSummaryQuery,
  tvTargetsQuery,
} from './tvQueries.ts';

/** What a view shows, and so what it fetches: nothing else is asked for. */
export interface WallNeeds {
  summary: boolean;
  /** A series per metric, for sparklines or a chart. */
  series: HeadlineKey[];
  targets: boolean;
  alerts: boolean;
  range?: string;
  points?: number;
}

export interface WallSource {
  refreshMs: number;
  filters: Filters;
}

/**
 * The wall's queries. A fixed set for as long as the wall is open — the pages of a rotation
 * show them in turn but never start or drop one — so the cache holds the same few entries for weeks.
 */
export function useWallData(needs: WallNeeds, { refreshMs, filters }: WallSource, monitor: RefreshMonitor) {
  const summary = useQuery({ ...tvSummaryQuery(filters, refreshMs, monitor), enabled: needs.summary });
  const series = useQueries({
    queries: needs.series.map((metric) =>
      tvSeriesQuery(metric, filters, refreshMs, monitor, needs.range ?? SPARK_RANGE, needs.points ?? SPARK_POINTS),
    ),
  });
  const targets = useQuery({ ...tvTargetsQuery(refreshMs, monitor), enabled: needs.targets });
  const alerts = useQuery({ ...tvAlertsQuery(refreshMs, monitor), enabled: needs.alerts });
  return { summary, series, targets, alerts };
}

export type WallData = ReturnType<typeof useWallData>;

export interface WallFreshness {
  summary: Freshness;
  series: Freshness[];
  targets: Freshness;
  alerts: Freshness;
}

export function wallFreshness(
  { summary, series, targets, alerts }: WallData,
  refreshMs: number,
  now: number,
): WallFreshness {
  return {
    summary: freshness(summary, refreshMs, now, summaryServedAt),
    series: series.map((query) => freshness(query, refreshMs, now)),
    targets: freshness(targets, refreshMs, now),
    alerts: freshness(alerts, refreshMs, now),
  };
}
