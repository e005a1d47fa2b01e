// Kept apart from the zod schemas: the web app and the TV wall need these names, not the
// validation code.

/** The panel types a dashboard file can hold. */
export const PANEL_TYPES = ['stat', 'timeseries', 'table', 'targets', 'alerts'] as const;
export type PanelType = (typeof PANEL_TYPES)[number];

/** A board's id is its file name without `.yml`/`.yaml`; panel ids are written in the file. */
export const DASHBOARD_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const PANEL_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** A variable's selected value travels in the URL and the panel API as `var-<name>=<value>`. */
export const VARIABLE_PARAM_PREFIX = 'var-';

/** A row is this many columns wide; a panel's `width` is a number of them. */
export const GRID_COLUMNS = 12;

/** Bounds of a dashboard file, so that one file cannot make a board unusable or the API slow. */
export const DASHBOARD_LIMITS = {
  maxFileBytes: 512 * 1024,
  maxFiles: 200,
  maxPanels: 150,
  maxVariables: 8,
  maxQueriesPerPanel: 20,
  maxLinkedAlerts: 8,
  maxTitleLength: 120,
  maxDescriptionLength: 2_000,
  maxQueryLength: 4_096,
  /** Series a time-series panel draws, and rows a table shows; more are cut and marked so. */
  maxSeries: 200,
  maxTableRows: 500,
  /** Values a variable's picker offers. */
  maxVariableValues: 1_000,
} as const;

/** The panel data API's parameter for a variable. */
export function variableParam(name: string): string {
  return `${VARIABLE_PARAM_PREFIX}${name}`;
}
