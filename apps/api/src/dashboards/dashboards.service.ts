import { DASHBOARD_LIMITS } from '@promwall/core/dashboards';
import type {
  AlertsData,
  Dashboard,
  DashboardFile,
  DashboardOutline,
  Dashboards,
  Panel,
  PanelData,
  StatData,
  StatPanel,
  TableData,
  TablePanel,
  TargetsData,
  TimeseriesData,
  TimeseriesPanel,
  VariableState,
} from '@promwall/core/dashboardSchemas';
import { thresholdStatus } from '@promwall/core/tileState';
import {
  labelPredicate,
  parseSelector,
  promqlString,
  withLabelFilters,
  type LabelFilters,
} from '@promwall/core/promql';
import { linkedRuleStates, type AlertRulesService } from '../alerts/alertRules.service.ts';
import { countAlerts, type AlertsService } from '../alerts/alerts.service.ts';
import { CoalescingCache } from '../cache/coalescingCache.ts';
import type { Config } from '../config.ts';
import { JsonBytes } from '../http/jsonBytes.ts';
import { alignedRange, type SeriesWindow } from '../http/seriesWindow.ts';
import type { ApiMetrics } from '../metrics/metrics.ts';
import type { TargetsService } from '../targets/targets.service.ts';
import { sampleValue, type MatrixSeries, type QueryData, type VectorSample } from '../upstream/queryResult.ts';
import { asUpstreamError, loadCached, UpstreamError, type UpstreamClient } from '../upstream/upstream.client.ts';
import type { DashboardEntry, DashboardStore, GoodVersion } from './dashboards.store.ts';

/** A variable's selected value by name; '' selects every value (no matcher). */
export type Selections = Readonly<Record<string, string>>;

export interface PanelRequest {
  board: GoodVersion & { id: string };
  panel: Panel;
  window: SeriesWindow;
  selections: Selections;
}

/** Variable values are those of series seen this recently. */
const VARIABLE_VALUES_WINDOW_MS = 86_400_000;
/** Distinct panel requests kept at once (each with its last good answer); the least recently loaded go first. */
const MAX_CACHED_PANELS = 2_000;
const MAX_CACHED_VARIABLES = 500;

interface Services {
  store: DashboardStore;
  prometheus: UpstreamClient;
  targets: TargetsService;
  alerts: AlertsService;
  rules: AlertRulesService;
}

/**
 * The boards of the dashboards folder and their panels' data. Each panel's data comes from one
 * upstream round per distinct request and TTL, shared by every viewer (the coalescing cache),
 * serialized once per round; through an outage the last good answer is served, marked stale,
 * as the summary does.
 */
export class DashboardsService {
  private readonly panels: CoalescingCache<JsonBytes<PanelData> | UpstreamError>;
  private readonly values: CoalescingCache<string[] | UpstreamError>;

  constructor(
    private readonly services: Services,
    private readonly config: Pick<Config, 'cache'>,
    metrics: ApiMetrics,
    private readonly now: () => number = Date.now,
  ) {
    const common = {
      ttlMs: config.cache.ttlMs,
      staleWhileRevalidateMs: config.cache.staleWhileRevalidateMs,
      metrics,
      now,
    };
    this.panels = new CoalescingCache<JsonBytes<PanelData> | UpstreamError>({
      ...common,
      name: 'dashboard-panels',
      maxEntries: MAX_CACHED_PANELS,
      isUsable: (data) => !(data instanceof UpstreamError),
    });
    this.values = new CoalescingCache<string[] | UpstreamError>({
      ...common,
      name: 'dashboard-variables',
      maxEntries: MAX_CACHED_VARIABLES,
      isUsable: (values) => !(values instanceof UpstreamError),
    });
  }

  /** Drops cached answers once they can no longer be answered; a panel's last usable one is
   * kept for as long as an outage may serve it. */
  sweep(): void {
    this.panels.sweep(this.config.cache.serveStaleForMs);
    this.values.sweep();
  }

  /** Boards are read once the folder's first load is done. */
  async entry(id: string): Promise<DashboardEntry | undefined> {
    await this.services.store.start();
    return this.services.store.get(id);
  }

  async list(): Promise<Dashboards> {
    await this.services.store.start();
    return {
      generatedAt: new Date(this.now()).toISOString(),
      dashboards: this.services.store.list().map(outline),
      errors: [...this.services.store.problems],
    };
  }

  /** A board with its variables' values, each narrowed by the other variables' selections. */
  async dashboard(entry: DashboardEntry, selections: Selections): Promise<Dashboard> {
    const definition = entry.good?.definition;
    return {
      ...outline(entry),
      version: entry.good?.version ?? '',
      definition: definition ?? null,
      variables: definition
        ? await Promise.all(definition.variables.map((v) => this.variable(definition, v, selections)))
        : [],
    };
  }

  async panelData({ board, panel, window, selections }: PanelRequest): Promise<JsonBytes<PanelData>> {
    const filters = panelFilters(board.definition, panel, selections);
    const usesRange = panel.type === 'timeseries' || (panel.type === 'stat' && panel.sparkline);
    const usesTime = usesRange || panel.type === 'stat' || panel.type === 'table';
    const key = JSON.stringify([
      board.id,
      board.version,
      panel.id,
      usesRange ? [window.rangeMs, window.stepMs] : [],
      usesTime ? (window.endMs ?? null) : null,
      filters,
    ]);
    const result = await this.panels.get(key, () =>
      this.load(panel, window, filters).then(
        (data) => new JsonBytes(data),
        (error: unknown) => asUpstreamError(error, this.services.prometheus.name),
      ),
    );
    if (!(result instanceof UpstreamError)) return result;
    const last = this.panels.lastUsable(key);
    if (
      result.isOutage &&
      last &&
      !(last.value instanceof UpstreamError) &&
      this.now() - last.storedAt <= this.config.cache.serveStaleForMs
    ) {
      return new JsonBytes({ ...last.value.value, stale: true });
    }
    throw result;
  }

  private load(panel: Panel, window: SeriesWindow, filters: LabelFilters): Promise<PanelData> {
    switch (panel.type) {
      case 'stat':
        return this.stat(panel, window, filters);
      case 'timeseries':
        return this.timeseries(panel, window, filters);
      case 'table':
        return this.table(panel, window, filters);
      case 'targets':
        return this.targets(panel.match, filters);
      case 'alerts':
        return this.alerts(panel.match, filters);
    }
  }

  private answer() {
    return { generatedAt: new Date(this.now()).toISOString(), stale: false };
  }

  private async stat(panel: StatPanel, window: SeriesWindow, filters: LabelFilters): Promise<StatData> {
    const query = withLabelFilters(panel.query, filters);
    const range = alignedRange(window, this.now());
    const [rows, sparkline, alertRules] = await Promise.all([
      this.instant(query, window.endMs === undefined ? undefined : range.end),
      panel.sparkline ? this.range(query, window) : undefined,
      panel.alerts.length === 0
        ? []
        : this.services.rules.rules().then(
            (rules) => linkedRuleStates(rules, panel.alerts, filters),
            () =>
              panel.alerts.map((name) => ({
                name,
                state: 'unknown' as const,
                severity: null,
                activeAt: null,
                summary: null,
              })),
          ),
    ]);
    if (rows.length > 1) {
      throw new UpstreamError(
        'query',
        502,
        'ambiguous_query',
        `the query of stat panel ${panel.id} returned ${rows.length} series; a stat must return one (wrap it in sum() or avg())`,
      );
    }
    const value = rows[0]?.value ?? null;
    return {
      type: 'stat',
      ...this.answer(),
      query,
      unit: panel.unit,
      value,
      status: panel.thresholds ? thresholdStatus(value, panel.thresholds) : null,
      thresholds: panel.thresholds ?? null,
      sparkline: sparkline ? { ...sparkline.range, points: sparkline.series[0]?.points ?? [] } : null,
      alertRules,
    };
  }

  private async timeseries(
    panel: TimeseriesPanel,
    window: SeriesWindow,
    filters: LabelFilters,
  ): Promise<TimeseriesData> {
    const queries = panel.queries.map(({ query }) => withLabelFilters(query, filters));
    const results = await Promise.all(queries.map((query) => this.range(query, window)));
    const all = results.flatMap((result, index) =>
      result.series.map((series) => ({
        query: index,
        name: seriesName(series.labels, panel.queries[index]!.legend, panel.queries[index]!.query),
        labels: series.labels,
        points: series.points,
      })),
    );
    return {
      type: 'timeseries',
      ...this.answer(),
      ...(results[0]?.range ?? rangeAnswer(alignedRange(window, this.now()), window)),
      queries,
      unit: panel.unit,
      series: all.slice(0, DASHBOARD_LIMITS.maxSeries),
      truncated: all.length > DASHBOARD_LIMITS.maxSeries,
    };
  }

  private async table(panel: TablePanel, window: SeriesWindow, filters: LabelFilters): Promise<TableData> {
    const query = withLabelFilters(panel.query, filters);
    const time = window.endMs === undefined ? undefined : alignedRange(window, this.now()).end;
    const rows = (await this.instant(query, time)).map(({ labels, value }) => ({ labels, value }));
    const columns =
      panel.columns ??
      [...new Set(rows.flatMap((row) => Object.keys(row.labels)))].filter((name) => name !== '__name__').sort();
    const byColumns = (a: (typeof rows)[number], b: (typeof rows)[number]) => {
      for (const column of columns) {
        const order = (a.labels[column] ?? '').localeCompare(b.labels[column] ?? '');
        if (order !== 0) return order;
      }
      return 0;
    };
    rows.sort(byColumns);
    return {
      type: 'table',
      ...this.answer(),
      query,
      unit: panel.unit,
      columns,
      rows: rows.slice(0, DASHBOARD_LIMITS.maxTableRows),
      truncated: rows.length > DASHBOARD_LIMITS.maxTableRows,
    };
  }

  private async targets(match: string | undefined, filters: LabelFilters): Promise<TargetsData> {
    const all = (await this.services.targets.targets()).value;
    const matches = labelFilter(match, filters);
    const targets = all.targets.filter((target) => matches(target.labels));
    const count = (health: string) => targets.filter((target) => target.health === health).length;
    return {
      type: 'targets',
      ...this.answer(),
      counts: { up: count('up'), down: count('down'), unknown: count('unknown'), total: targets.length },
      targets,
    };
  }

  private async alerts(match: string | undefined, filters: LabelFilters): Promise<AlertsData> {
    const all = (await this.services.alerts.alerts()).value;
    const matches = labelFilter(match, filters);
    const alerts = all.alerts.filter((alert) => matches(alert.labels));
    return { type: 'alerts', ...this.answer(), alertmanager: all.alertmanager, counts: countAlerts(alerts), alerts };
  }

  private async instant(
    query: string,
    timeMs: number | undefined,
  ): Promise<{ labels: Record<string, string>; value: number | null }[]> {
    const params = new URLSearchParams({ query });
    if (timeMs !== undefined) params.set('time', String(timeMs / 1000));
    const body = (await this.services.prometheus.getJson('/api/v1/query', params, 'query')) as {
      data: QueryData<VectorSample> | { resultType: 'scalar'; result: [number, string] };
    };
    const { data } = body;
    if (data.resultType === 'scalar') return [{ labels: {}, value: sampleValue((data.result as [number, string])[1]) }];
    if (data.resultType !== 'vector') return [];
    return (data.result as VectorSample[]).map((row) => ({ labels: row.metric, value: sampleValue(row.value[1]) }));
  }

  private async range(query: string, window: SeriesWindow) {
    const aligned = alignedRange(window, this.now());
    const params = new URLSearchParams({
      query,
      start: String(aligned.start / 1000),
      end: String(aligned.end / 1000),
      step: String(window.stepMs / 1000),
    });
    const body = (await this.services.prometheus.getJson('/api/v1/query_range', params, 'query_range')) as {
      data: QueryData<MatrixSeries>;
    };
    return {
      range: rangeAnswer(aligned, window),
      series: (body.data.resultType === 'matrix' ? body.data.result : []).map((series) => ({
        labels: series.metric,
        points: series.values.map(
          ([t, v]) => [new Date(t * 1000).toISOString(), sampleValue(v)] as [string, number | null],
        ),
      })),
    };
  }

  private async variable(
    definition: DashboardFile,
    variable: DashboardFile['variables'][number],
    selections: Selections,
  ): Promise<VariableState> {
    const label = variable.label ?? variable.name;
    const others = panelFilters(
      { ...definition, variables: definition.variables.filter((v) => v !== variable) },
      undefined,
      selections,
    );
    const match = variable.match ? withLabelFilters(variable.match, others) : selectorOf(others);
    const state = {
      name: variable.name,
      label,
      title: variable.title ?? variable.name,
      selected: selectedValue(variable, selections) ?? null,
    };
    try {
      const values = await loadCached(
        this.values,
        JSON.stringify([label, match ?? null]),
        this.services.prometheus.name,
        async () => {
          const params = new URLSearchParams({ start: String((this.now() - VARIABLE_VALUES_WINDOW_MS) / 1000) });
          if (match) params.set('match[]', match);
          const body = (await this.services.prometheus.getJson(
            `/api/v1/label/${label}/values`,
            params,
            'label_values',
          )) as {
            data: string[];
          };
          return body.data.slice().sort().slice(0, DASHBOARD_LIMITS.maxVariableValues);
        },
      );
      return { ...state, values };
    } catch (error) {
      const failure = asUpstreamError(error, this.services.prometheus.name);
      return { ...state, values: [], error: { code: failure.code, message: failure.message } };
    }
  }
}

function outline(entry: DashboardEntry): DashboardOutline {
  const definition = entry.good?.definition;
  return {
    id: entry.id,
    file: entry.file,
    title: definition?.title ?? entry.id,
    panels: definition?.rows.flatMap((row) => row.panels.map(({ id, type, title }) => ({ id, type, title }))) ?? [],
    variables:
      definition?.variables.map((v) => ({ name: v.name, label: v.label ?? v.name, title: v.title ?? v.name })) ?? [],
    loadedAt: entry.good ? new Date(entry.good.loadedAt).toISOString() : null,
    error: entry.error ? { message: entry.error.message, at: new Date(entry.error.at).toISOString() } : null,
  };
}

function selectedValue(variable: DashboardFile['variables'][number], selections: Selections): string | undefined {
  const value = selections[variable.name] ?? variable.default;
  return value === '' ? undefined : value;
}

/** The label matchers a panel gets: each variable it is filtered by, with a value selected. */
export function panelFilters(
  definition: DashboardFile,
  panel: Pick<Panel, 'variables'> | undefined,
  selections: Selections,
): LabelFilters {
  const filters: Record<string, string> = {};
  for (const variable of definition.variables) {
    if (panel?.variables && !panel.variables.includes(variable.name)) continue;
    const value = selectedValue(variable, selections);
    if (value !== undefined) filters[variable.label ?? variable.name] = value;
  }
  return filters;
}

/** `{job="demo",instance="a"}`, or undefined without filters; the values escaped as literals. */
function selectorOf(filters: LabelFilters): string | undefined {
  const matchers = Object.entries(filters).map(([name, value]) => `${name}=${promqlString(value)}`);
  return matchers.length > 0 ? `{${matchers.join(',')}}` : undefined;
}

function labelFilter(
  match: string | undefined,
  filters: LabelFilters,
): (labels: Readonly<Record<string, string>>) => boolean {
  const matchers = [
    ...(match ? (parseSelector(match) ?? []) : []),
    ...Object.entries(filters).map(([name, value]) => ({ name, op: '=' as const, value })),
  ];
  return labelPredicate(matchers);
}

function rangeAnswer(aligned: { start: number; end: number }, window: SeriesWindow) {
  return {
    start: new Date(aligned.start).toISOString(),
    end: new Date(aligned.end).toISOString(),
    stepSeconds: window.stepMs / 1000,
  };
}

/** A legend template with `{{label}}` replaced by the series' value of it; without a template,
 * the labels (`{instance="a", job="b"}`), or the query when the series has none. */
export function seriesName(
  labels: Readonly<Record<string, string>>,
  legend: string | undefined,
  query: string,
): string {
  if (legend !== undefined)
    return legend.replace(/\{\{\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\}\}/g, (_, name: string) => labels[name] ?? '');
  const entries = Object.entries(labels).filter(([name]) => name !== '__name__');
  if (entries.length === 0) return labels.__name__ ?? query;
  return `${labels.__name__ ?? ''}{${entries.map(([name, value]) => `${name}=${JSON.stringify(value)}`).join(', ')}}`;
}
