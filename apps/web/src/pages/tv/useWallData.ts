import type { HeadlineKey } from '@promwall/core/headline';
import { useQueries, useQuery } from '@tanstack/react-query';
import { alertsQuery } from '../../api/alerts.ts';
import type { Polling } from '../../api/polling.ts';
import { seriesQuery, summaryQuery, summaryServedAt, type Filters } from '../../api/summary.ts';
import { targetsQuery } from '../../api/targets.ts';
import type { RefreshMonitor } from './refreshMonitor.ts';
import { freshness, type Freshness } from './staleness.ts';

/** The sparklines' window: its length goes into the key, never a timestamp. */
const SPARK_RANGE_MS = 15 * 60_000;
const SPARK_POINTS = 60;

/** What a view shows, and so what it fetches: nothing else is asked for. */
export interface WallNeeds {
  summary: boolean;
  /** A series per metric, for sparklines or a chart. */
  series: HeadlineKey[];
  targets: boolean;
  alerts: boolean;
  /** The series' window (ms): the sparklines' unless a chart asks for its own. */
  rangeMs?: number;
  points?: number;
}

export interface WallSource {
  refreshMs: number;
  filters: Filters;
}

/**
 * The wall's queries, with the wall's polling policy and its watchdog's record. A fixed set for
 * as long as the wall is open — the pages of a rotation show them in turn but never start or drop
 * one — so the cache holds the same few entries for weeks.
 */
export function useWallData(needs: WallNeeds, { refreshMs, filters }: WallSource, monitor: RefreshMonitor) {
  const polling: Polling = { refreshMs, wall: monitor };
  const range = { kind: 'relative', ms: needs.rangeMs ?? SPARK_RANGE_MS } as const;
  const points = needs.points ?? SPARK_POINTS;
  const summary = useQuery({ ...summaryQuery(filters, polling), enabled: needs.summary });
  const series = useQueries({
    queries: needs.series.map((metric) => seriesQuery({ metric, range, points, byInstance: false, filters }, polling)),
  });
  const targets = useQuery({ ...targetsQuery(polling), enabled: needs.targets });
  const alerts = useQuery({ ...alertsQuery(polling), enabled: needs.alerts });
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
