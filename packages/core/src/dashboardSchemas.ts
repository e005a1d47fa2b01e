import { z } from 'zod';
import { DASHBOARD_LIMITS, GRID_COLUMNS, PANEL_ID_PATTERN, PANEL_TYPES } from './dashboards.ts';
import { parseDuration } from './duration.ts';
import { headlineKeys } from './headline.ts';
import { MAX_LABEL_VALUE_LENGTH } from './labels.ts';
import { findPromQLSyntaxError, labelPredicate, parseSelector } from './promql.ts';
import {
  alert,
  alerts as alertsAnswer,
  errorBody,
  isoTime,
  linkedAlert,
  seriesPoint,
  status,
  target,
  unit,
} from './schemas.ts';

/**
 * Dashboards as code: the YAML file a team writes and reviews (`dashboardFile`), and the API's
 * answers about boards and their panels' data. The API validates each file with `dashboardFile`
 * when it loads it; /api/v1/openapi.json is generated from the answer schemas.
 */

const labelName = z
  .string()
  .regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, 'must be a label name: letters, digits and _, not starting with a digit');

const title = z.string().trim().min(1, 'must not be empty').max(DASHBOARD_LIMITS.maxTitleLength);
const description = z.string().max(DASHBOARD_LIMITS.maxDescriptionLength);

const promql = z
  .string()
  .max(DASHBOARD_LIMITS.maxQueryLength)
  .superRefine((query, ctx) => {
    const problem = findPromQLSyntaxError(query);
    if (problem) {
      ctx.addIssue({
        code: 'custom',
        message: `not valid PromQL at ${problem.line}:${problem.column} (${problem.reason})`,
      });
    }
  })
  .meta({ description: 'PromQL; the board’s variables are added to every selector as label matchers' });

const selector = z
  .string()
  .max(DASHBOARD_LIMITS.maxQueryLength)
  .refine((text) => parseSelector(text) !== undefined, 'must be a series selector such as {job="node"}');

/** A selector Promwall evaluates itself (on targets and alerts), so its regexes must compile here. */
const labelFilter = selector.refine((text) => {
  try {
    labelPredicate(parseSelector(text) ?? []);
    return true;
  } catch {
    return false;
  }
}, 'has a regular expression that does not compile');

const duration = (min: string, max: string) =>
  z.string().refine(
    (text) => {
      const ms = parseDuration(text);
      return ms !== undefined && ms >= parseDuration(min)! && ms <= parseDuration(max)!;
    },
    { message: `must be a duration from ${min} to ${max}, such as 1h` },
  );

/** The headline metrics' thresholds: at or above `warning` is a warning, at or above `critical` critical. */
export const thresholds = z
  .strictObject({ warning: z.number(), critical: z.number() })
  .refine((t) => t.warning <= t.critical, { message: 'warning must not be above critical' });

const panelBase = {
  id: z.string().regex(PANEL_ID_PATTERN, 'must be 1–64 letters, digits, _ or -'),
  title,
  description: description.optional(),
  /** Columns of the row's 12; the row's panels share it evenly when absent. */
  width: z.number().int().min(1).max(GRID_COLUMNS).optional(),
  /** The board variables that filter this panel; all of them when absent. */
  variables: z.array(labelName).max(DASHBOARD_LIMITS.maxVariables).optional(),
};

export const statPanel = z.strictObject({
  ...panelBase,
  type: z.literal('stat'),
  /** The loader fills the panel's title, query, unit, thresholds and alert rules from this
   * headline metric as Promwall is configured, wherever the panel does not set them itself. */
  metric: z.enum(headlineKeys).optional().meta({
    description: 'a headline metric whose configured query, unit, thresholds and alert rules the panel takes',
  }),
  query: promql.meta({ description: 'must return one series (wrap it in sum() or avg())' }),
  unit: unit.default('count'),
  thresholds: thresholds.optional(),
  sparkline: z.boolean().default(true),
  /** Alert rules whose state the tile shows, by name. */
  alerts: z.array(z.string().min(1).max(200)).max(DASHBOARD_LIMITS.maxLinkedAlerts).default([]),
});

export const timeseriesPanel = z
  .strictObject({
    ...panelBase,
    type: z.literal('timeseries'),
    queries: z
      .array(
        z.strictObject({
          query: promql,
          /** A series' name, with `{{label}}` replaced by the label's value, e.g. `{{instance}} p95`. */
          legend: z.string().max(200).optional(),
        }),
      )
      .min(1)
      .max(DASHBOARD_LIMITS.maxQueriesPerPanel),
    unit: unit.default('count'),
    min: z.number().optional(),
    max: z.number().optional(),
    stacked: z.boolean().default(false),
  })
  .refine((panel) => panel.min === undefined || panel.max === undefined || panel.min < panel.max, {
    message: 'min must be below max',
    path: ['min'],
  });

export const tablePanel = z.strictObject({
  ...panelBase,
  type: z.literal('table'),
  query: promql.meta({ description: 'an instant vector: one row per series' }),
  unit: unit.default('count'),
  /** The label columns, in order; every label but __name__ when absent. */
  columns: z.array(labelName).max(20).optional(),
});

export const targetsPanel = z.strictObject({
  ...panelBase,
  type: z.literal('targets'),
  match: labelFilter.optional().meta({ description: 'only targets whose labels match, e.g. {job="demo"}' }),
});

export const alertsPanel = z.strictObject({
  ...panelBase,
  type: z.literal('alerts'),
  match: labelFilter.optional().meta({ description: 'only alerts whose labels match, e.g. {severity="critical"}' }),
});

export const panel = z.discriminatedUnion('type', [statPanel, timeseriesPanel, tablePanel, targetsPanel, alertsPanel], {
  error: `must be one of ${PANEL_TYPES.join(', ')}`,
});
export type Panel = z.output<typeof panel>;
export type PanelInput = z.input<typeof panel>;
export type StatPanel = z.output<typeof statPanel>;
export type TimeseriesPanel = z.output<typeof timeseriesPanel>;
export type TablePanel = z.output<typeof tablePanel>;

/** Prometheus keeps names starting with __ for itself (__name__, __address__). */
const variableLabel = labelName.refine(
  (name) => !name.startsWith('__'),
  'must not start with __ (Prometheus reserves it)',
);

export const variable = z.strictObject({
  /** Its parameter is `var-<name>`. */
  name: variableLabel,
  /** The label whose values it offers and matches; the name when absent. */
  label: variableLabel.optional(),
  title: title.optional(),
  /** Offers only the values on series this selector matches, e.g. up{job="demo"}. */
  match: selector.optional(),
  /** Selected when the URL has none; every value (no matcher) when absent. */
  default: z.string().min(1).max(MAX_LABEL_VALUE_LENGTH).optional(),
});
export type Variable = z.output<typeof variable>;

export const row = z.strictObject({
  title: title.optional(),
  panels: z.array(panel).min(1, 'a row needs at least one panel').max(DASHBOARD_LIMITS.maxPanels),
});

/** One dashboard file, `dashboards/<id>.yml`. */
export const dashboardFile = z
  .strictObject({
    title,
    description: description.optional(),
    /** The range a browser opens the board on; the web app's default when absent. */
    range: duration('1m', '31d').optional(),
    refresh: duration('5s', '1h').optional(),
    variables: z.array(variable).max(DASHBOARD_LIMITS.maxVariables).default([]),
    rows: z.array(row).min(1, 'a dashboard needs at least one row'),
  })
  .superRefine((board, ctx) => {
    const names = new Set<string>();
    const labelOf = new Map(board.variables.map((v) => [v.name, v.label ?? v.name]));
    board.variables.forEach((v, i) => {
      if (names.has(v.name)) ctx.addIssue({ code: 'custom', path: ['variables', i, 'name'], message: 'is used twice' });
      names.add(v.name);
    });
    const ids = new Set<string>();
    let count = 0;
    board.rows.forEach((r, rowIndex) =>
      r.panels.forEach((p, panelIndex) => {
        const at = ['rows', rowIndex, 'panels', panelIndex];
        if (ids.has(p.id)) ctx.addIssue({ code: 'custom', path: [...at, 'id'], message: 'is used twice' });
        ids.add(p.id);
        p.variables?.forEach((name, i) => {
          if (!names.has(name))
            ctx.addIssue({ code: 'custom', path: [...at, 'variables', i], message: `no variable named ${name}` });
        });
        // Two variables over one label would be two matchers of which only one can hold.
        const applied = (p.variables ?? [...names]).filter((name) => labelOf.has(name));
        const clash = applied.find(
          (name, i) => applied.findIndex((other) => labelOf.get(other) === labelOf.get(name)) !== i,
        );
        if (clash) {
          ctx.addIssue({
            code: 'custom',
            path: [...at, 'variables'],
            message: `${clash} and another variable both match ${labelOf.get(clash)}: list the panel's variables`,
          });
        }
        count++;
      }),
    );
    if (count > DASHBOARD_LIMITS.maxPanels) {
      ctx.addIssue({ code: 'custom', path: ['rows'], message: `at most ${DASHBOARD_LIMITS.maxPanels} panels` });
    }
  });
export type DashboardFile = z.output<typeof dashboardFile>;
export type DashboardFileInput = z.input<typeof dashboardFile>;

// --- API answers ---

const loadError = z
  .object({
    message: z.string().meta({ description: 'what is wrong, with the file, panel and key' }),
    at: isoTime,
  })
  .meta({ id: 'DashboardLoadError' });

const panelOutline = z.object({ id: z.string(), type: z.enum(PANEL_TYPES), title: z.string() });
const variableOutline = z.object({ name: z.string(), label: z.string(), title: z.string() });

export const dashboardOutline = z
  .object({
    id: z.string(),
    file: z.string().meta({ description: 'the file name in the dashboards folder' }),
    title: z.string().meta({ description: 'the id when the file never loaded' }),
    panels: z.array(panelOutline),
    variables: z.array(variableOutline),
    loadedAt: isoTime.nullable().meta({ description: 'when the version served was loaded; null when none ever was' }),
    error: loadError
      .nullable()
      .meta({ description: 'the file as it is now is broken; the last good version (if any) is served' }),
  })
  .meta({ id: 'DashboardOutline' });
export type DashboardOutline = z.infer<typeof dashboardOutline>;

export const dashboards = z
  .object({
    generatedAt: isoTime,
    dashboards: z.array(dashboardOutline),
    errors: z.array(z.string()).meta({ description: 'problems with the folder itself' }),
  })
  .meta({ id: 'Dashboards' });
export type Dashboards = z.infer<typeof dashboards>;

export const variableState = z
  .object({
    name: z.string(),
    label: z.string(),
    title: z.string(),
    values: z.array(z.string()).meta({ description: 'the label’s values in Prometheus, the other selections applied' }),
    selected: z.string().nullable().meta({ description: 'null for every value (no matcher)' }),
    error: errorBody.shape.error.optional(),
  })
  .meta({ id: 'VariableState' });
export type VariableState = z.infer<typeof variableState>;

export const dashboard = z
  .object({
    ...dashboardOutline.shape,
    version: z.string().meta({ description: 'changes whenever the served definition does' }),
    definition: dashboardFile.nullable().meta({ description: 'the board as written, defaults applied' }),
    variables: z.array(variableState),
  })
  .meta({ id: 'Dashboard' });
export type Dashboard = z.infer<typeof dashboard>;

const panelAnswer = {
  generatedAt: isoTime,
  stale: z.boolean().meta({ description: 'true when the upstream failed and these are the last good values' }),
};

const rangeAnswer = { start: isoTime, end: isoTime, stepSeconds: z.number().positive() };

export const statData = z.object({
  type: z.literal('stat'),
  ...panelAnswer,
  query: z.string().meta({ description: 'the PromQL run, variables applied' }),
  unit,
  value: z.number().nullable(),
  status: status.nullable().meta({ description: 'null when the panel has no thresholds' }),
  thresholds: thresholds.nullable(),
  sparkline: z
    .object({ ...rangeAnswer, points: z.array(seriesPoint) })
    .nullable()
    .meta({ description: 'the same query over the range' }),
  alertRules: z.array(linkedAlert),
});

export const timeseriesData = z.object({
  type: z.literal('timeseries'),
  ...panelAnswer,
  ...rangeAnswer,
  queries: z.array(z.string()).meta({ description: 'the PromQL run, variables applied, in the file’s order' }),
  unit,
  series: z.array(
    z.object({
      query: z.number().int().meta({ description: 'index into queries' }),
      name: z.string().meta({ description: 'the legend template applied, or the labels' }),
      labels: z.record(z.string(), z.string()),
      points: z.array(seriesPoint),
    }),
  ),
  truncated: z.boolean().meta({ description: 'more series than a panel draws; the first ones are kept' }),
});

export const tableData = z.object({
  type: z.literal('table'),
  ...panelAnswer,
  query: z.string(),
  unit,
  columns: z.array(z.string()),
  rows: z.array(z.object({ labels: z.record(z.string(), z.string()), value: z.number().nullable() })),
  truncated: z.boolean(),
});

export const targetsData = z.object({
  type: z.literal('targets'),
  ...panelAnswer,
  counts: z.object({
    up: z.number().int(),
    down: z.number().int(),
    unknown: z.number().int(),
    total: z.number().int(),
  }),
  targets: z.array(target),
});

export const alertsData = z.object({
  type: z.literal('alerts'),
  ...panelAnswer,
  alertmanager: alertsAnswer.shape.alertmanager,
  counts: alertsAnswer.shape.counts,
  alerts: z.array(alert),
});

export const panelData = z
  .discriminatedUnion('type', [statData, timeseriesData, tableData, targetsData, alertsData])
  .meta({ id: 'PanelData' });
export type PanelData = z.infer<typeof panelData>;
export type StatData = z.infer<typeof statData>;
export type TimeseriesData = z.infer<typeof timeseriesData>;
export type TableData = z.infer<typeof tableData>;
export type TargetsData = z.infer<typeof targetsData>;
export type AlertsData = z.infer<typeof alertsData>;
