import { DASHBOARD_LIMITS } from '@promwall/core/dashboards';
import { parseDuration } from '@promwall/core/duration';
import {
  dashboardFile,
  panel as panelSchema,
  type DashboardFile,
  type DashboardFileInput,
} from '@promwall/core/dashboardSchemas';
import { parseSelector } from '@promwall/core/promql';
import type { GrafanaDashboard, GrafanaPanel, GrafanaVariable } from './grafana.model.ts';
import { convertPanel } from './grafana.panels.ts';
import { rewriteQuery } from './grafana.query.ts';

export interface Conversion {
  /** The board as a person would write it, defaults left out: what goes into the YAML file. */
  file: DashboardFileInput;
  /** The same board as Promwall reads it. */
  dashboard: DashboardFile;
  converted: number;
  /** Panels left out, each with the reason. */
  unsupported: { title: string; type: string; reason: string }[];
  /** Features that were dropped or changed, e.g. overrides, links, a variable's "All" option. */
  notes: string[];
}

/** A dashboard that gives no board, with what was found on the way. */
export class ConversionError extends Error {
  override readonly name = 'ConversionError';

  constructor(
    message: string,
    readonly unsupported: Conversion['unsupported'],
    readonly notes: string[],
  ) {
    super(message);
  }
}

/** A title as an id: lower case, words joined by dashes. */
export function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 48) || 'panel'
  );
}

/** `label_values(metric{…}, label)` or `label_values(label)`; undefined for anything else. */
function labelValues(query: string): { label: string; match?: string } | undefined {
  const match = /^\s*label_values\(\s*(?:(.+?)\s*,\s*)?([A-Za-z_]\w*)\s*\)\s*$/s.exec(query);
  if (!match) return undefined;
  return match[1] ? { label: match[2]!, match: match[1] } : { label: match[2]! };
}

/**
 * Converts a Grafana dashboard into a Promwall board: stat, gauge, time-series and table panels
 * with Prometheus queries, `label_values` query variables, rows and widths. Everything it cannot
 * carry over is listed, never dropped in silence.
 */
export function convertGrafana(grafana: GrafanaDashboard): Conversion {
  const notes: string[] = [];
  const unsupported: Conversion['unsupported'] = [];
  const note = (text: string) => {
    if (!notes.includes(text)) notes.push(text);
  };

  if ((grafana.schemaVersion ?? 0) < 27 || (grafana.rows ?? []).length > 0) {
    note(`schemaVersion ${grafana.schemaVersion ?? 'unknown'} predates Grafana 8: only top-level panels are read`);
  }
  if ((grafana.links ?? []).length > 0) note('dashboard links are not converted');
  if ((grafana.annotations?.list ?? []).some((annotation) => !annotation.builtIn))
    note('annotations are not converted');

  const variables = new Map<string, { label: string }>();
  const sources: { variable: GrafanaVariable; name: string; label: string; match?: string }[] = [];
  const grafanaVariables = grafana.templating?.list ?? [];
  for (const variable of grafanaVariables) {
    const name = variable.name ?? '';
    const text = typeof variable.query === 'string' ? variable.query : (variable.query?.query ?? '');
    if (variable.type === 'datasource') {
      note(`variable $${name} (a data source) is not needed: Promwall has one upstream`);
      continue;
    }
    const values = variable.type === 'query' ? labelValues(text) : undefined;
    if (!values || !/^[A-Za-z_]\w*$/.test(name)) {
      note(`variable $${name} (${variable.type ?? 'unknown'}: ${text.slice(0, 80)}) has no Promwall equivalent`);
      continue;
    }
    if (variable.multi) note(`variable $${name}: Promwall variables select one value or all, not several`);
    variables.set(name, { label: values.label });
    sources.push({ variable, name, ...values });
  }
  // A variable's own selector may use the other variables; on a Promwall board their selections
  // narrow its values by themselves, so those matchers go.
  const promwallVariables: NonNullable<DashboardFileInput['variables']> = sources.map(
    ({ variable, name, label, match }) => {
      const rewritten = match === undefined ? undefined : rewriteQuery(match, variables);
      const selector = rewritten?.ok && parseSelector(rewritten.query) ? rewritten.query : undefined;
      if (match !== undefined && selector === undefined) {
        note(
          `variable $${name}: its selector ${match} is not kept (${rewritten?.ok === false ? rewritten.reason : 'not a selector'})`,
        );
      }
      return {
        name,
        ...(label !== name ? { label } : {}),
        ...(variable.label ? { title: variable.label } : {}),
        ...(selector ? { match: selector } : {}),
      };
    },
  );
  if (promwallVariables.length > 0 && grafanaVariables.some((v) => v.type === 'query' && v.includeAll === false)) {
    note('variables without "All" in Grafana start at every value on Promwall: a stat panel may need one selected');
  }

  const rows: DashboardFileInput['rows'] = [];
  const ids = new Set<string>();
  let converted = 0;
  const panels = flatten(grafana.panels ?? []);
  let title: string | undefined;
  let lastY: number | undefined;
  for (const grafanaPanel of panels) {
    if (grafanaPanel.type === 'row') {
      title = grafanaPanel.title || undefined;
      lastY = undefined;
      continue;
    }
    const result = convertPanel(grafanaPanel, variables, note);
    if (!result.ok) {
      unsupported.push({
        title: grafanaPanel.title ?? '',
        type: grafanaPanel.type ?? 'unknown',
        reason: result.reason,
      });
      continue;
    }
    let id = slug(grafanaPanel.title ?? '');
    for (let n = 2; ids.has(id); n++) id = `${slug(grafanaPanel.title ?? '')}-${n}`;
    ids.add(id);
    const checked = panelSchema.safeParse({ id, ...result.panel });
    if (!checked.success) {
      const issue = checked.error.issues[0]!;
      unsupported.push({
        title: grafanaPanel.title ?? '',
        type: grafanaPanel.type ?? 'unknown',
        reason: `${issue.path.join('.') || 'panel'}: ${issue.message}`,
      });
      continue;
    }
    if (converted >= DASHBOARD_LIMITS.maxPanels) {
      unsupported.push({
        title: grafanaPanel.title ?? '',
        type: grafanaPanel.type ?? '',
        reason: 'over the panel limit',
      });
      continue;
    }
    // Grafana places panels on a 24-column grid; one Promwall row per line of it.
    const y = grafanaPanel.gridPos?.y ?? 0;
    if (lastY === undefined || y !== lastY || rows.length === 0) {
      rows.push({ ...(title ? { title } : {}), panels: [] });
      title = undefined;
      lastY = y;
    }
    rows.at(-1)!.panels.push({ id, ...result.panel });
    converted++;
  }

  const range = /^now-(\d+[smhdwy])$/.exec(grafana.time?.from ?? '')?.[1];
  const refresh = typeof grafana.refresh === 'string' ? grafana.refresh : undefined;
  const refreshMs = refresh ? parseDuration(refresh) : undefined;
  const board = {
    title: (grafana.title ?? '').trim() || 'Imported from Grafana',
    ...(grafana.description ? { description: grafana.description } : {}),
    ...(range && (parseDuration(range) ?? 0) <= 31 * 86_400_000 ? { range } : {}),
    ...(refreshMs !== undefined && refreshMs >= 5_000 && refreshMs <= 3_600_000 ? { refresh } : {}),
    variables: promwallVariables,
    rows,
  };
  if (rows.length === 0) throw new ConversionError('no panel could be converted', unsupported, notes);
  const parsed = dashboardFile.safeParse(board);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new ConversionError(`the converted board does not validate: ${issues}`, unsupported, notes);
  }
  return { file: board, dashboard: parsed.data, converted, unsupported, notes };
}

/** Panels in reading order, those of collapsed rows after their row. */
function flatten(panels: GrafanaPanel[]): GrafanaPanel[] {
  const byPosition = (a: GrafanaPanel, b: GrafanaPanel) =>
    (a.gridPos?.y ?? 0) - (b.gridPos?.y ?? 0) || (a.gridPos?.x ?? 0) - (b.gridPos?.x ?? 0);
  return [...panels]
    .sort(byPosition)
    .flatMap((panel) => (panel.type === 'row' ? [panel, ...[...(panel.panels ?? [])].sort(byPosition)] : [panel]));
}
