import { headlineKeys, type HeadlineKey } from '@promwall/core/headline';
import { withLabelFilters, type LabelFilters } from '@promwall/core/promql';
import type { HeadlineSeries, HeadlineValue, LinkedAlert } from '@promwall/core/schemas';
import { linkedRuleStates, type AlertRule, type AlertRulesService } from '../alerts/alertRules.service.ts';
import { CoalescingCache } from '../cache/coalescingCache.ts';
import type { Config, MetricConfig } from '../config.ts';
import { JsonBytes } from '../http/jsonBytes.ts';
import { alignedRange, type SeriesWindow } from '../http/seriesWindow.ts';
import type { ApiMetrics } from '../metrics/metrics.ts';
import { sampleValue, type MatrixSeries, type QueryData, type VectorSample } from '../upstream/queryResult.ts';
import { asUpstreamError, loadCached, UpstreamError, type UpstreamClient } from '../upstream/upstream.client.ts';
import { failedHeadline, headlineQuery, readHeadline } from './headlineReading.ts';
import { highest } from './highest.ts';
import { SummaryAnswer } from './summaryAnswer.ts';

export interface SeriesRequest extends SeriesWindow {
  metric: HeadlineKey;
  byInstance: boolean;
  filters: LabelFilters;
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
    private readonly alertRules: Pick<AlertRulesService, 'rules'>,
    private readonly config: Pick<Config, 'metrics' | 'cache' | 'limits'>,
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

  /** Drops rounds and series that can no longer be answered, and last good summaries too old to be served. */
  sweep(): void {
    this.rounds.sweep(this.config.cache.serveStaleForMs);
    this.series.sweep();
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
    const [results, rules] = await Promise.all([
      Promise.all(headlineKeys.map((key) => this.headline(this.config.metrics[key], filters, atMs))),
      this.linkedRules(),
    ]);
    const alerts = headlineKeys.map((key) => linkedAlerts(rules, this.config.metrics[key].alerts, filters));
    const values = headlineKeys.map((key, i) => {
      const result = results[i]!;
      return result instanceof UpstreamError
        ? result
        : readHeadline(
            this.config.metrics[key],
            result.query,
            result.rows,
            alerts[i]!,
            this.config.limits.maxInstances,
          );
    });
    const failures = values.filter((value): value is UpstreamError => value instanceof UpstreamError);
    // Every metric failed, whatever the kind (unreachable, a 503, an answer of the wrong shape): a
    // round of nothing but nulls is no summary, and must never replace the last good one.
    if (failures.length === values.length) {
      return { ok: false, error: failures.find((failure) => failure.isOutage) ?? failures[0]! };
    }
    const metrics = Object.fromEntries(
      headlineKeys.map((key, i) => {
        const value = values[i]!;
        return [
          key,
          value instanceof UpstreamError ? failedHeadline(this.config.metrics[key], filters, value, alerts[i]!) : value,
        ];
      }),
    ) as Record<HeadlineKey, HeadlineValue>;
    return {
      ok: true,
      answer: new SummaryAnswer({
        generatedAt,
        source: this.client.name,
        stale: false,
        lastSuccessAt: generatedAt,
        filters: { job: filters.job ?? null, instance: filters.instance ?? null },
        metrics,
      }),
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
    atMs?: number,
  ): Promise<{ query: string; rows: VectorSample[] } | UpstreamError> {
    const { query, combined } = headlineQuery(metric, filters);
    try {
      const params = new URLSearchParams({ query: combined });
      if (atMs !== undefined) params.set('time', String(atMs / 1000));
      const data = (await this.client.getJson('/api/v1/query', params, 'query')) as {
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
    const { start, end } = alignedRange(request, this.now());
    const params = new URLSearchParams({
      query,
      start: String(start / 1000),
      end: String(end / 1000),
      step: String(request.stepMs / 1000),
    });
    const data = (await this.client.getJson('/api/v1/query_range', params, 'query_range')) as {
      data: QueryData<MatrixSeries>;
    };
    const series = highest(
      (data.data.resultType === 'matrix' ? data.data.result : []).map((series) => ({
        labels: series.metric,
        points: series.values.map(
          ([t, v]) => [new Date(t * 1000).toISOString(), sampleValue(v)] as [string, number | null],
        ),
      })),
      this.config.limits.maxSeries,
      (series) => peak(series.points),
    );
    return {
      metric: request.metric,
      unit: metric.unit,
      query,
      start: new Date(start).toISOString(),
      end: new Date(end).toISOString(),
      stepSeconds: request.stepMs / 1000,
      series: series.kept,
      ...(series.truncated ? { truncated: series.truncated } : {}),
    };
  }
}

/** The linked rules' states; unknown, each of them, when the rules could not be read. */
function linkedAlerts(rules: AlertRule[] | undefined, names: readonly string[], filters: LabelFilters): LinkedAlert[] {
  if (rules) return linkedRuleStates(rules, names, filters);
  return names.map((name) => ({ name, state: 'unknown', severity: null, activeAt: null, summary: null }));
}

function peak(points: readonly (readonly [unknown, number | null])[]): number | null {
  let most: number | null = null;
  for (const [, value] of points) if (value !== null && (most === null || value > most)) most = value;
  return most;
}
