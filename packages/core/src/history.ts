/** Long-term history of the headline metrics, as the API serves it and the web app asks for it. */

/** `raw` is every recorded round; the others are averages over buckets of that length, aligned
 * to the Unix epoch (so a day is a UTC day). */
export const HISTORY_RESOLUTIONS = ['raw', '5m', '1h', '1d'] as const;
export type HistoryResolution = (typeof HISTORY_RESOLUTIONS)[number];

export const BUCKET_MS: Record<Exclude<HistoryResolution, 'raw'>, number> = {
  '5m': 5 * 60_000,
  '1h': 3_600_000,
  '1d': 86_400_000,
};

/** The columns of the seeds' standard format, in order: the CSV export's header. */
export const STANDARD_COLUMNS = ['metric_name', 'metric_value', 'timestamp', 'labels', 'source', 'data_type'] as const;

/** The time between two points at a resolution; for `raw`, the recording interval. */
export function resolutionStepMs(resolution: HistoryResolution, intervalMs: number): number {
  return resolution === 'raw' ? intervalMs : BUCKET_MS[resolution];
}

/**
 * The most points a range [fromMs, toMs] can have at a resolution: raw rounds fall on multiples
 * of the interval inside the range; a bucket counts when any part of it is inside.
 */
export function historyPointCount(
  resolution: HistoryResolution,
  fromMs: number,
  toMs: number,
  intervalMs: number,
): number {
  const step = resolutionStepMs(resolution, intervalMs);
  const first = resolution === 'raw' ? Math.ceil(fromMs / step) : Math.floor(fromMs / step);
  return Math.max(0, Math.floor(toMs / step) - first + 1);
}

/** The finest resolution at which the range fits in `maxPoints`; the coarsest when none does. */
export function finestResolution(
  fromMs: number,
  toMs: number,
  intervalMs: number,
  maxPoints: number,
): HistoryResolution {
  return (
    HISTORY_RESOLUTIONS.find((resolution) => historyPointCount(resolution, fromMs, toMs, intervalMs) <= maxPoints) ??
    '1d'
  );
}
