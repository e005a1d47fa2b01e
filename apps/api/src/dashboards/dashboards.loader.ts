import { createHash } from 'node:crypto';
import { DASHBOARD_ID_PATTERN, DASHBOARD_LIMITS } from '@promwall/core/dashboards';
import { dashboardFile, type DashboardFile } from '@promwall/core/dashboardSchemas';
import { headlineKeys, headlineMetrics, type HeadlineKey } from '@promwall/core/headline';
import type { Thresholds } from '@promwall/core/tileState';
import type { Unit } from '@promwall/core/units';
import { parseDocument } from 'yaml';
import type { z } from 'zod';

/** What a stat panel naming a headline metric (`metric: cpu`) takes from it: as configured. */
export type HeadlineSettings = Record<
  HeadlineKey,
  { query: string; unit: Unit; thresholds: Thresholds; alerts: readonly string[] }
>;

/** The catalogue's headline metrics, for a loader without a configuration (no linked rules). */
export const CATALOGUE_HEADLINES: HeadlineSettings = Object.fromEntries(
  headlineKeys.map((key) => [key, { ...headlineMetrics[key], alerts: [] }]),
) as unknown as HeadlineSettings;

export type ParsedDashboard = { ok: true; definition: DashboardFile; version: string } | { ok: false; message: string };

const EXTENSION = /\.ya?ml$/;

/** The board id of a dashboard file name, or undefined for files that are not dashboards
 * (hidden ones included: editors keep their locks and backups there, e.g. `.#demo.yml`). */
export function dashboardIdOf(fileName: string): string | undefined {
  return EXTENSION.test(fileName) && !fileName.startsWith('.') ? fileName.replace(EXTENSION, '') : undefined;
}

export function tooLarge(file: string): string {
  return `${file}: larger than ${DASHBOARD_LIMITS.maxFileBytes / 1024} KiB`;
}

/**
 * Parses and validates one dashboard file. Every message starts with the file name and says
 * where the problem is: the YAML line and column, or the row, panel (by id) and key.
 */
export function parseDashboard(
  file: string,
  text: string,
  headlines: HeadlineSettings = CATALOGUE_HEADLINES,
): ParsedDashboard {
  const id = dashboardIdOf(file);
  if (id === undefined || !DASHBOARD_ID_PATTERN.test(id)) {
    return { ok: false, message: `${file}: the file name must be 1–64 letters, digits, _ or - and end in .yml` };
  }
  if (Buffer.byteLength(text) > DASHBOARD_LIMITS.maxFileBytes) return { ok: false, message: tooLarge(file) };
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  const yamlError = document.errors[0];
  if (yamlError) {
    const position = yamlError.linePos?.[0];
    const where = position ? `line ${position.line}, column ${position.col}: ` : '';
    const reason = yamlError.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    return { ok: false, message: `${file}: ${where}not valid YAML (${reason})` };
  }
  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    return { ok: false, message: `${file}: ${(error as Error).message}` };
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return { ok: false, message: `${file}: must be a YAML mapping with a title and rows` };
  }
  fillHeadlinePanels(data, headlines);
  const result = dashboardFile.safeParse(data);
  if (!result.success) {
    const problems = result.error.issues.slice(0, 5).map((issue) => describeIssue(file, data, issue));
    const more = result.error.issues.length - problems.length;
    return { ok: false, message: problems.join('\n') + (more > 0 ? `\n(and ${more} more)` : '') };
  }
  const version = createHash('sha256').update(text).digest('hex').slice(0, 16);
  return { ok: true, definition: result.data, version };
}

/**
 * Gives each stat panel that names a headline metric the metric's title, query, unit,
 * thresholds and alert rules, as configured, where the panel does not set its own: a board's
 * tile then agrees with the overview's and with the rules that watch it. Anything malformed is
 * left for the schema to name.
 */
function fillHeadlinePanels(data: object, headlines: HeadlineSettings): void {
  const rows = (data as { rows?: unknown }).rows;
  if (!Array.isArray(rows)) return;
  for (const row of rows) {
    const panels = (row as { panels?: unknown } | null)?.panels;
    if (!Array.isArray(panels)) continue;
    for (const panel of panels) {
      if (panel === null || typeof panel !== 'object' || Array.isArray(panel)) continue;
      const fields = panel as Record<string, unknown>;
      const key = fields.metric;
      if (fields.type !== 'stat' || typeof key !== 'string' || !Object.hasOwn(headlines, key)) continue;
      const headline = headlines[key as HeadlineKey];
      fields.title ??= headlineMetrics[key as HeadlineKey].title;
      fields.query ??= headline.query;
      fields.unit ??= headline.unit;
      fields.thresholds ??= { ...headline.thresholds };
      fields.alerts ??= [...headline.alerts];
    }
  }
}

/** `demo.yml: panel "latency" (rows[1].panels[0]): queries[0].query: not valid PromQL at 1:12 (unexpected end of query)`. */
function describeIssue(file: string, data: unknown, issue: z.core.$ZodIssue): string {
  const keyPath = (keys: readonly PropertyKey[]) =>
    keys.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i > 0 ? '.' : ''}${String(key)}`)).join('');
  let node: unknown = data;
  let panel = '';
  let keys: PropertyKey[] = [];
  for (const key of issue.path) {
    node = typeof node === 'object' && node !== null ? (node as Record<PropertyKey, unknown>)[key] : undefined;
    keys.push(key);
    const id = (node as { id?: unknown } | undefined)?.id;
    if (keys.length === 4 && keys[0] === 'rows' && keys[2] === 'panels' && typeof id === 'string') {
      panel = `panel ${JSON.stringify(id.slice(0, 64))} (${keyPath(keys)}): `;
      keys = [];
    }
  }
  return `${file}: ${panel}${keys.length ? `${keyPath(keys)}: ` : ''}${issue.message}`;
}
