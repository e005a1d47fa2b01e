import { headlineKeys, type HeadlineKey } from '@promwall/core/headline';
import { withLabelFilters, type LabelFilters } from '@promwall/core/promql';
import type { HeadlineSeries, HeadlineValue, LinkedAlert, Summary } from '@promwall/core/schemas';
import { linkedRuleStates, type AlertRule, type AlertRulesService } from '../alerts/alertRules.service.ts';
import { CoalescingCache } from '../cache/coalescingCache.ts';
import type { Config, MetricConfig } from '../config.ts';
import type { ApiMetrics } from '../metrics/metrics.ts';
import { asUpstreamError, loadCached, UpstreamError, type UpstreamClient } from '../upstream/upstream.client.ts';
import { failedHeadline, headlineQuery, readHeadline, sampleValue, type VectorSample } from './headlineReading.ts';

interface MatrixSeries {
  metric: Record<string, string>;
  values: [number, string][];
}

interface QueryData<R> {
  resultType: string;
  result: R[];
}

export interface SeriesRequest {
  metric: HeadlineKey;
  rangeMs: number;
  stepMs: number;
  byInstance: boolean;
  filters: LabelFilters;
  /** A fixed end; a moving window (now) when absent, which keeps one cache entry per window. */
  endMs?: number | undefined;
}

type Round = { ok: true; summary: Summary } | { ok: false; error: UpstreamError };

/** The headline figures and their series, from one upstream round per distinct request and TTL. */
export class SummaryService {
  private readonly rounds: CoalescingCache<Round>;
  private readonly series: CoalescingCache<HeadlineSeries | UpstreamError>;
  /** The last good summary per filter set, for answering through an outage. */
  private readonly lastGood = new Map<string, Summary>();

  constructor(
    private readonly client: UpstreamClient,
    private readonly alertRules: Pick<AlertRulesService, 'rules'>,
    private readonly config: Pick<Config, 'metrics' | 'cache'>,
    metrics: ApiMetrics,
    private readonly now: () => number = Date.now,
  ) {
    this.rounds = new CoalescingCache('summary', config.cache.ttlMs, metrics, 1_000, now);
    this.series = new CoalescingCache('series', config.cache.ttlMs, metrics, 1_000, now);
  }

  /**
   * The five headline metrics, queried in parallel; one failing metric carries its own error.
   * When the upstream cannot be reached at all and a good summary for the same filters is recent
   * enough, that one is answered, marked stale.
   */
  async summary(filters: LabelFilters): Promise<Summary> {
    const key = JSON.stringify(filters);
    const round = await this.rounds.get(key, () => this.runRound(filters));
    if (round.ok) {
      this.lastGood.set(key, round.summary);
      return round.summary;
    }
    const last = this.lastGood.get(key);
    const lastAt = last ? Date.parse(last.generatedAt) : Number.NEGATIVE_INFINITY;
    if (last && this.now() - lastAt <= this.config.cache.serveStaleForMs) return { ...last, stale: true };
    throw round.error;
  }

  async headlineSeries(request: SeriesRequest): Promise<HeadlineSeries> {
    const key = JSON.stringify(request);
    return loadCached(this.series, key, this.client.name, () => this.runSeries(request));
  }

  private async runRound(filters: LabelFilters): Promise<Round> {
    const generatedAt = new Date(this.now()).toISOString();
    const [results, rules] = await Promise.all([
      Promise.all(headlineKeys.map((key) => this.headline(this.config.metrics[key], filters))),
      this.linkedRules(),
    ]);
    const failures = results.filter((result): result is UpstreamError => result instanceof UpstreamError);
    if (failures.length === results.length && failures.every((failure) => failure.isOutage)) {
      return { ok: false, error: failures[0]! };
    }
    const metrics = Object.fromEntries(
      headlineKeys.map((key, i) => {
        const metric = this.config.metrics[key];
        const alerts = linkedAlerts(rules, metric.alerts, filters);
        const result = results[i]!;
        const value =
          result instanceof UpstreamError ? result : readHeadline(metric, result.query, result.rows, alerts);
        // A query of the wrong shape fails its metric alone, as an upstream refusal does.
        return [key, value instanceof UpstreamError ? failedHeadline(metric, filters, value, alerts) : value];
      }),
    ) as Record<HeadlineKey, HeadlineValue>;
    return {
      ok: true,
      summary: {
        generatedAt,
        source: this.client.name,
        stale: false,
        lastSuccessAt: generatedAt,
        filters: { job: filters.job ?? null, instance: filters.instance ?? null },
        metrics,
      },
    };
  }

  /** The alert rules, when a metric links any; undefined when they could not be read. */
  private async linkedRules(): Promise<AlertRule[] | undefined> {
    if (headlineKeys.every((key) => this.config.metrics[key].alerts.length === 0)) return [];
    try {
      return await this.alertRules.rules();
    } catch {
      return undefined;
    }
  }

  /** One upstream query per metric: the headline row, its split and its sources, marked apart. */
  private async headline(
    metric: MetricConfig,
    filters: LabelFilters,
  ): Promise<{ query: string; rows: VectorSample[] } | UpstreamError> {
    const { query, combined } = headlineQuery(metric, filters);
    try {
      const data = (await this.client.getJson('/api/v1/query', new URLSearchParams({ query: combined }), 'query')) as {
        data: QueryData<VectorSample>;
      };
      return { query, rows: data.data.resultType === 'vector' ? data.data.result : [] };
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
        points: series.values.map(
          ([t, v]) => [new Date(t * 1000).toISOString(), sampleValue(v)] as [string, number | null],
        ),
      })),
    };
  }
}

/** The linked rules' states; unknown, each of them, when the rules could not be read. */
function linkedAlerts(rules: AlertRule[] | undefined, names: readonly string[], filters: LabelFilters): LinkedAlert[] {
  if (rules) return linkedRuleStates(rules, names, filters);
  return names.map((name) => ({ name, state: 'unknown', severity: null, activeAt: null, summary: null }));
}
