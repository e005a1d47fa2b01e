import { GRID_COLUMNS } from '@promwall/core/dashboards';
import type { PanelInput } from '@promwall/core/dashboardSchemas';
import type { Unit } from '@promwall/core/units';
import type { GrafanaPanel } from './grafana.model.ts';
import { rewriteQuery } from './grafana.query.ts';

const CONVERTIBLE = new Set(['stat', 'gauge', 'timeseries', 'graph', 'table', 'singlestat']);

/** Grafana units Promwall shows natively, and those it reaches by scaling the query. */
const UNITS: Record<string, { unit: Unit; scale?: string }> = {
  percent: { unit: 'percent' },
  percentunit: { unit: 'percent', scale: '* 100' },
  short: { unit: 'count' },
  none: { unit: 'count' },
  bytes: { unit: 'bytes' },
  decbytes: { unit: 'bytes' },
  kbytes: { unit: 'bytes', scale: '* 1024' },
  mbytes: { unit: 'bytes', scale: '* 1048576' },
  Bps: { unit: 'bytesPerSecond' },
  binBps: { unit: 'bytesPerSecond' },
  bps: { unit: 'bytesPerSecond', scale: '/ 8' },
  binbps: { unit: 'bytesPerSecond', scale: '/ 8' },
  s: { unit: 'seconds' },
  ms: { unit: 'seconds', scale: '/ 1000' },
  µs: { unit: 'seconds', scale: '/ 1e6' },
  us: { unit: 'seconds', scale: '/ 1e6' },
  ns: { unit: 'seconds', scale: '/ 1e9' },
  reqps: { unit: 'requestsPerSecond' },
  rps: { unit: 'requestsPerSecond' },
};

/** A threshold colour as a level: Grafana's names, or the hue of an rgb()/hex colour. */
export function colourLevel(colour: string): 'critical' | 'warning' | 'ok' | undefined {
  if (/red/i.test(colour)) return 'critical';
  if (/orange|yellow/i.test(colour)) return 'warning';
  if (/green|blue|purple|text/i.test(colour)) return 'ok';
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})/i.exec(colour);
  const rgb = hex
    ? hex.slice(1).map((part) => Number.parseInt(part, 16))
    : /^rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(colour)?.slice(1).map(Number);
  if (!rgb) return undefined;
  const [r, g, b] = rgb as [number, number, number];
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  if (max - min < 40) return undefined;
  const hue =
    max === r
      ? ((60 * (g - b)) / (max - min) + 360) % 360
      : max === g
        ? (60 * (b - r)) / (max - min) + 120
        : (60 * (r - g)) / (max - min) + 240;
  if (hue < 15 || hue >= 330) return 'critical';
  return hue < 70 ? 'warning' : 'ok';
}

function isPrometheus(datasource: GrafanaPanel['datasource']): boolean {
  if (datasource === undefined || datasource === null) return true;
  const type = typeof datasource === 'string' ? datasource : datasource.type;
  // A templated data source (${ds_prometheus}) or a mixed panel is decided by its targets.
  return type === undefined || /prometheus|^\$|-- Mixed --/i.test(type);
}

/** A panel as it is written in a file, before defaults. */
export type WrittenPanel = PanelInput extends infer P ? (P extends unknown ? Omit<P, 'id'> : never) : never;

export type PanelResult = { ok: true; panel: WrittenPanel } | { ok: false; reason: string };

export function convertPanel(
  grafana: GrafanaPanel,
  variables: ReadonlyMap<string, { label: string }>,
  note: (text: string) => void,
): PanelResult {
  const type = grafana.type ?? 'unknown';
  const name = `panel "${grafana.title ?? ''}"`;
  if (!CONVERTIBLE.has(type)) return { ok: false, reason: `${type} panels have no Promwall equivalent` };
  if (!isPrometheus(grafana.datasource)) return { ok: false, reason: 'its data source is not Prometheus' };
  const targets = (grafana.targets ?? []).filter((target) => {
    if (target.hide) note(`${name}: a hidden query is left out`);
    return !target.hide;
  });
  if (targets.some((target) => !isPrometheus(target.datasource ?? null))) {
    return { ok: false, reason: 'a query of another data source than Prometheus' };
  }
  if (targets.length === 0) return { ok: false, reason: 'no Prometheus query' };
  if (grafana.repeat)
    note(`${name}: repeated per value of $${grafana.repeat} in Grafana; shown once, for the selected value`);
  if ((grafana.transformations ?? []).length > 0) note(`${name}: transformations are not converted`);
  if ((grafana.fieldConfig?.overrides ?? []).length > 0) note(`${name}: per-series overrides are not converted`);
  if ((grafana.links ?? []).length > 0) note(`${name}: panel links are not converted`);
  if (type === 'graph' || type === 'singlestat')
    note(`${name}: a ${type} panel (before Grafana 7): its unit and thresholds are not read`);

  const defaults = grafana.fieldConfig?.defaults ?? {};
  const grafanaUnit = defaults.unit ?? 'short';
  const unit = UNITS[grafanaUnit];
  if (!unit) note(`${name}: unit ${grafanaUnit} is shown as a plain number`);
  const queries: { query: string; legend?: string }[] = [];
  const used = new Set<string>();
  for (const target of targets) {
    const rewritten = rewriteQuery(target.expr ?? '', variables);
    if (!rewritten.ok) return { ok: false, reason: rewritten.reason };
    for (const variable of rewritten.variables) {
      const label = variables.get(variable)!.label;
      const other = [...used].find((name) => name !== variable && variables.get(name)!.label === label);
      if (other) return { ok: false, reason: `$${other} and $${variable} both match ${label}` };
      used.add(variable);
    }
    const query = unit?.scale ? `(${rewritten.query}) ${unit.scale}` : rewritten.query;
    const legend = target.legendFormat && target.legendFormat !== '__auto' ? target.legendFormat : undefined;
    queries.push({ query, ...(legend ? { legend } : {}) });
  }
  const title = (grafana.title ?? '').trim() || `Panel ${grafana.id ?? ''}`.trim();
  // As a person would write it: defaults left out, the panel's variables last.
  const head = {
    title,
    ...(grafana.description?.trim() ? { description: grafana.description.trim() } : {}),
    width: Math.min(GRID_COLUMNS, Math.max(1, Math.round((grafana.gridPos?.w ?? 12) / 2))),
    ...(unit && unit.unit !== 'count' ? { unit: unit.unit } : {}),
  };
  const tail = { variables: [...used].sort() };

  if (type === 'timeseries' || type === 'graph') {
    const stacking = defaults.custom?.stacking?.mode;
    if (stacking === 'percent') note(`${name}: stacked to 100 % in Grafana, stacked by value here`);
    return {
      ok: true,
      panel: {
        type: 'timeseries',
        ...head,
        ...(typeof defaults.min === 'number' ? { min: scaled(defaults.min, unit?.scale) } : {}),
        ...(typeof defaults.max === 'number' ? { max: scaled(defaults.max, unit?.scale) } : {}),
        ...(stacking === 'normal' || stacking === 'percent' ? { stacked: true } : {}),
        queries,
        ...tail,
      },
    };
  }
  if (queries.length > 1) {
    return { ok: false, reason: `a ${type} panel with ${queries.length} queries; Promwall's shows one` };
  }
  if (type === 'table') return { ok: true, panel: { type: 'table', ...head, query: queries[0]!.query, ...tail } };

  const thresholds = thresholdsOf(defaults.thresholds, unit?.scale);
  if (defaults.thresholds?.steps?.some((step) => typeof step.value === 'number') && !thresholds) {
    note(`${name}: its thresholds (${describeSteps(defaults.thresholds)}) are not converted`);
  }
  if (type === 'gauge') note(`${name}: a gauge in Grafana, a stat tile here`);
  return {
    ok: true,
    panel: { type: 'stat', ...head, query: queries[0]!.query, ...(thresholds ? { thresholds } : {}), ...tail },
  };
}

function scaled(value: number, scale: string | undefined): number {
  if (!scale) return value;
  const [op, factor] = scale.split(' ') as ['*' | '/', string];
  return op === '*' ? value * Number(factor) : value / Number(factor);
}

type GrafanaThresholds = NonNullable<NonNullable<GrafanaPanel['fieldConfig']>['defaults']>['thresholds'];

/** Absolute steps that rise from green through orange or yellow to red: the headline vocabulary. */
function thresholdsOf(
  thresholds: GrafanaThresholds,
  scale: string | undefined,
): { warning: number; critical: number } | undefined {
  if (!thresholds?.steps || (thresholds.mode ?? 'absolute') !== 'absolute') return undefined;
  const steps = thresholds.steps.filter(
    (step): step is { color?: string; value: number } => typeof step.value === 'number',
  );
  const critical = steps.find((step) => colourLevel(step.color ?? '') === 'critical');
  const warning = steps.find((step) => colourLevel(step.color ?? '') === 'warning') ?? critical;
  if (!critical || !warning || warning.value > critical.value) return undefined;
  // Red at the bottom means "low is bad": the headline vocabulary has only "high is bad".
  if (colourLevel(thresholds.steps[0]?.color ?? '') !== 'ok') return undefined;
  return { warning: scaled(warning.value, scale), critical: scaled(critical.value, scale) };
}

function describeSteps(thresholds: GrafanaThresholds): string {
  return (thresholds?.steps ?? [])
    .map((step) => `${step.color ?? '?'}${typeof step.value === 'number' ? ` from ${step.value}` : ''}`)
    .join(', ');
}
