import { headlineKeys, type HeadlineKey } from '@promwall/core/headline';
import { withLabelFilters, type LabelFilters } from '@promwall/core/promql';
import type { HeadlineSeries, HeadlineValue, Status } from '@promwall/core/schemas';
import { CoalescingCache } from '../cache/coalescingCache.ts';
import type { Config, MetricConfig } from '../config.ts';
import { JsonBytes } from '../http/jsonBytes.ts';
import type { ApiMetrics } from '../metrics/metrics.ts';
import { asUpstreamError, loadCached, UpstreamError, type UpstreamClient } from '../upstream/upstream.client.ts';
import { SummaryAnswer } from './summaryAnswer.ts';

interface VectorSample {
  metric: Record<string, string>;
  value: [number, string];
}

interface MatrixSeries {
  metric: Record<string, string>;
  values: [number, string][];
}

interface QueryData<R> {
  resultType: string;
  result: R[];
}

/** Marks the headline row when one upstream query carries both the headline and its split. */
const HEADLINE_LABEL = 'promwall_headline';

export interface SeriesRequest {
  metric: HeadlineKey;
  rangeMs: number;
  stepMs: number;
  byInstance: boolean;
  filters: LabelFilters;
  /** A fixed end; a moving window (now) when absent, which keeps one cache entry per window. */
  endMs?: number | undefined;
}

export type Round = { ok: true; answer: SummaryAnswer } | { ok: false; error: UpstreamError };

/** Distinct filter sets and series requests kept at once; the least recently loaded go first. */
const MAX_CACHED_KEYS = 1_000;

/** The headline figures and their series, from one upstream round per distinct request and TTL. */
export class SummaryService {
  /** Rounds per filter set; the cache keeps each key's last good round for answering through an outage. */
  private readonly rounds: CoalescingCache<Round>;
  private readonly series: CoalescingCache<JsonBytes<HeadlineSeries> | UpstreamError>;

  constructor(
    private readonly client: UpstreamClient,
    private readonly config: Pick<Config, 'metrics' | 'cache'>,
    metrics: ApiMetrics,
    private readonly now: () => number = Date.now,
  ) {
    const common = {
      ttlMs: config.cache.ttlMs,
      staleWhileRevalidateMs: config.cache.staleWhileRevalidateMs,
      maxEntries: MAX_CACHED_KEYS,
      metrics,
      now,
    };
    this.rounds = new CoalescingCache<Round>({ ...common, name: 'summary', isUsable: (round) => round.ok });
    this.series = new CoalescingCache<JsonBytes<HeadlineSeries> | UpstreamError>({
      ...common,
      name: 'series',
      isUsable: (series) => !(series instanceof UpstreamError),
    });
  }

  /**
   * The five headline metrics, queried in parallel; one failing metric carries its own error.
   * When a round fails as a whole and a good summary for the same filters is recent enough, that
   * one is answered, marked stale.
   */
  async summary(filters: LabelFilters): Promise<SummaryAnswer> {
    const key = JSON.stringify(filters);
    const round = await this.rounds.get(key, () => this.runRound(filters));
    if (round.ok) return round.answer;
    const last = this.rounds.lastUsable(key)?.value;
    if (last?.ok && this.now() - Date.parse(last.answer.summary.generatedAt) <= this.config.cache.serveStaleForMs) {
      return last.answer.asStale();
    }
    throw round.error;
  }

  async headlineSeries(request: SeriesRequest): Promise<JsonBytes<HeadlineSeries>> {
    const key = JSON.stringify(request);
    return loadCached(this.series, key, this.client.name, async () => new JsonBytes(await this.runSeries(request)));
  }

  /** The headline figures evaluated at a given time, uncached: what history records. */
  roundAt(atMs: number): Promise<Round> {
    return this.runRound({}, atMs);
  }

  private async runRound(filters: LabelFilters, atMs?: number): Promise<Round> {
    const generatedAt = new Date(atMs ?? this.now()).toISOString();
    const results = await Promise.all(
      headlineKeys.map((key) => this.headline(this.config.metrics[key], filters, atMs)),
    );
    const failures = results.filter((result): result is UpstreamError => result instanceof UpstreamError);
    // Every metric failed, whatever the kind (unreachable, a 503, an answer of the wrong shape): a
    // round of nothing but nulls is no summary, and must never replace the last good one.
    if (failures.length === results.length) {
      return { ok: false, error: failures.find((failure) => failure.isOutage) ?? failures[0]! };
    }
    const metrics = Object.fromEntries(
      headlineKeys.map((key, i) => {
        const result = results[i]!;
        return [key, result instanceof UpstreamError ? failed(this.config.metrics[key], filters, result) : result];
      }),
    ) as Record<HeadlineKey, HeadlineValue>;
    return {
      ok: true,
      answer: new SummaryAnswer({
        generatedAt,
        source: this.client.name,
        stale: false,
        lastSuccessAt: generatedAt,
        filters: { ...filters },
        metrics,
      }),
    };
  }

  /** One upstream query per metric: the headline row, marked, `or` the per-instance rows. */
  private async headline(
    metric: MetricConfig,
    filters: LabelFilters,
    atMs?: number,
  ): Promise<HeadlineValue | UpstreamError> {
    const query = withLabelFilters(metric.query, filters);
    const split = metric.byInstanceQuery ? withLabelFilters(metric.byInstanceQuery, filters) : '';
    const combined = split ? `label_replace(${query}, "${HEADLINE_LABEL}", "1", "", "") or (${split})` : query;
    try {
      const params = new URLSearchParams({ query: combined });
      if (atMs !== undefined) params.set('time', String(atMs / 1000));
      const data = (await this.client.getJson('/api/v1/query', params, 'query')) as {
        data: QueryData<VectorSample>;
      };
      const rows = data.data.resultType === 'vector' ? data.data.result : [];
      const headlineRows = split ? rows.filter((row) => row.metric[HEADLINE_LABEL] === '1') : rows;
      const instanceRows = split ? rows.filter((row) => row.metric[HEADLINE_LABEL] !== '1') : [];
      if (headlineRows.length > 1) {
        return new UpstreamError(
          'query',
          502,
          'ambiguous_query',
          `the ${metric.key} query returned ${headlineRows.length} series; a headline query must return one (wrap it in sum() or avg())`,
        );
      }
      const value = headlineRows[0] ? sampleValue(headlineRows[0].value[1]) : null;
      return {
        value,
        unit: metric.unit,
        status: statusOf(value, metric.thresholds),
        query,
        byInstance: instanceRows
          .map((row) => ({ instance: row.metric.instance ?? '', value: sampleValue(row.value[1]) }))
          .sort((a, b) => a.instance.localeCompare(b.instance)),
      };
    } catch (error) {
      return asUpstreamError(error, this.client.name);
    }
  }

  private async runSeries(request: SeriesRequest): Promise<HeadlineSeries> {
    const metric = this.config.metrics[request.metric];
    const source = request.byInstance && metric.byInstanceQuery ? metric.byInstanceQuery : metric.query;
    const query = withLabelFilters(source, request.filters);
    // End on a step boundary: consecutive refreshes then share their points, and charts don't jitter.
    const end = Math.floor((request.endMs ?? this.now()) / request.stepMs) * request.stepMs;
    const start = end - request.rangeMs;
    const params = new URLSearchParams({
      query,
      start: String(start / 1000),
      end: String(end / 1000),
      step: String(request.stepMs / 1000),
    });
    const data = (await this.client.getJson('/api/v1/query_range', params, 'query_range')) as {
      data: QueryData<MatrixSeries>;
    };
    return {
      metric: request.metric,
      unit: metric.unit,
      query,
      start: new Date(start).toISOString(),
      end: new Date(end).toISOString(),
      stepSeconds: request.stepMs / 1000,
      series: (data.data.resultType === 'matrix' ? data.data.result : []).map((series) => ({
        labels: series.metric,
        points: series.values.map(([t, v]) => [Math.round(t * 1000), sampleValue(v)] as [number, number | null]),
      })),
    };
  }
}

/** NaN and ±Inf have no JSON form and no honest reading as a figure: they are "no value". */
function sampleValue(text: string): number | null {
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

export function statusOf(value: number | null, thresholds: { warning: number; critical: number }): Status {
  if (value === null) return 'unknown';
  if (value >= thresholds.critical) return 'critical';
  if (value >= thresholds.warning) return 'warning';
  return 'ok';
}

function failed(metric: MetricConfig, filters: LabelFilters, error: UpstreamError): HeadlineValue {
  return {
    value: null,
    unit: metric.unit,
    status: 'unknown',
    query: withLabelFilters(metric.query, filters),
    byInstance: [],
    error: { code: error.code, message: error.message },
  };
}
