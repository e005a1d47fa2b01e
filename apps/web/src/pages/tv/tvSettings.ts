import { formatDuration, parseDuration } from '@promwall/core/duration';
import { headlineKeys, type HeadlineKey } from '@promwall/core/headline';
import type { TvConfig } from '@promwall/core/schemas';
import { MAX_LABEL_VALUE_LENGTH } from '@promwall/core/labels';
import { DASHBOARD_ID_PATTERN, VARIABLE_PARAM_PREFIX } from '@promwall/core/dashboards';
import { DISPLAY_ID_PATTERN, TV_LIMITS, TV_PAGES, TV_PANELS, type TvPageName, type TvPanel } from '@promwall/core/tv';
import type { Filters } from '../../api/summary.ts';

export type TvTheme = 'dark' | 'light';

/** What one wall shows and how often: the configuration, overridden by its URL. */
export interface TvSettings {
  title: string;
  refreshMs: number;
  tiles: HeadlineKey[];
  panels: TvPanel[];
  pages: TvPageName[];
  rotateMs: number;
  dailyReloadMs: number;
  filters: Filters;
  theme: TvTheme;
  /** The `id=` the wall reports its heartbeat under; a stored, generated one when absent. */
  displayId: string | undefined;
  /** Boards from the dashboards folder the wall turns through instead of its pages (`dashboard=a,b`). */
  dashboards: string[];
  /** The boards' variable selections (`var-job=node`); '' selects every value. */
  variables: Record<string, string>;
}

export interface ParsedTvSettings {
  settings: TvSettings;
  /** Parameters left out, as `name` (unknown) or `name=value` (a value that does not parse). */
  ignored: string[];
  /** Values moved into bounds, e.g. `refresh=1s → 5s`. */
  adjusted: string[];
}

export const TV_PARAMS = [
  'title',
  'tiles',
  'panels',
  'pages',
  'rotate',
  'refresh',
  'reload',
  'job',
  'instance',
  'theme',
  'id',
  'dashboard',
] as const;
export type TvParam = (typeof TV_PARAMS)[number];

/** Boards one wall turns through, at most. */
export const MAX_WALL_BOARDS = 12;

/** Used when a URL or the configuration names several pages but no rotation interval. */
export const DEFAULT_ROTATE_MS = 30_000;
const SHOWN_VALUE_LENGTH = 24;

/** formatDuration rounds to whole seconds; a refresh of 1500ms must come back as it went. */
export const durationText = (ms: number) => (ms % 1000 === 0 ? formatDuration(ms) : `${ms}ms`);

/** A comma list of choices, in the order given, each once; `bad` holds the ones not allowed. */
function parseList<T extends string>(text: string, allowed: readonly T[]): { values: T[]; bad: string[] } {
  const values: T[] = [];
  const bad: string[] = [];
  for (const item of text.split(',').map((part) => part.trim())) {
    if (item === '') continue;
    if ((allowed as readonly string[]).includes(item)) {
      if (!values.includes(item as T)) values.push(item as T);
    } else {
      bad.push(item);
    }
  }
  return { values, bad };
}

/** A duration within bounds, `off` (or 0) as 0 where off is allowed. */
function parseBoundedDuration(
  text: string,
  min: number,
  max: number,
  { allowOff }: { allowOff: boolean },
): number | undefined {
  if (allowOff && (text === 'off' || text === '0')) return 0;
  const ms = parseDuration(text);
  return ms !== undefined && ms >= min && ms <= max ? ms : undefined;
}

const shown = (value: string) => (value.length > SHOWN_VALUE_LENGTH ? `${value.slice(0, SHOWN_VALUE_LENGTH)}…` : value);

/** The configuration's filters, unset ones left out. */
function configFilters({ filters }: TvConfig): Filters {
  return {
    ...(filters.job !== null ? { job: filters.job } : {}),
    ...(filters.instance !== null ? { instance: filters.instance } : {}),
  };
}

/**
 * Reads a wall's URL over its configuration. Each parameter replaces the configured value;
 * `refresh` never goes below the server's floor. An unknown parameter or a value that does not
 * parse is left out and reported, never an error: a TV nobody can reach must still come up.
 *
 * @param accepted the parameters this view takes; others are reported as ignored.
 */
export function parseTvSettings(
  search: string,
  config: TvConfig,
  accepted: readonly TvParam[] = TV_PARAMS,
): ParsedTvSettings {
  const floor = config.minRefreshMs;
  const settings: TvSettings = {
    title: config.title,
    refreshMs: Math.max(config.refreshMs, floor),
    tiles: [...config.tiles],
    panels: [...config.panels],
    pages: [...config.pages],
    rotateMs: config.rotateMs,
    dailyReloadMs: config.dailyReloadMs,
    filters: configFilters(config),
    theme: 'dark',
    displayId: undefined,
    dashboards: [],
    variables: {},
  };
  const ignored: string[] = [];
  const adjusted: string[] = [];
  const seen = new Set<string>();

  for (const [name, raw] of new URLSearchParams(search)) {
    const value = raw.trim();
    const bad = (detail = value) => ignored.push(`${name}=${shown(detail)}`);
    if (name.startsWith(VARIABLE_PARAM_PREFIX) && accepted.includes('dashboard')) {
      const variable = name.slice(VARIABLE_PARAM_PREFIX.length);
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(variable) || value.length > MAX_LABEL_VALUE_LENGTH) bad();
      // fromEntries, not assignment: `var-__proto__` is a name like any other.
      else settings.variables = Object.fromEntries([...Object.entries(settings.variables), [variable, value]]);
      continue;
    }
    if (!(accepted as readonly string[]).includes(name)) {
      ignored.push(shown(name));
      continue;
    }
    if (seen.has(name)) {
      bad();
      continue;
    }
    seen.add(name);
    switch (name as TvParam) {
      case 'title':
        if (value === '' || value.length > TV_LIMITS.maxTitleLength) bad();
        else settings.title = value;
        break;
      case 'tiles': {
        const { values, bad: unknown } = parseList(value, headlineKeys);
        if (values.length === 0) bad();
        else {
          settings.tiles = values;
          if (unknown.length > 0) bad(unknown.join(','));
        }
        break;
      }
      case 'panels': {
        if (value === 'none' || value === '') {
          settings.panels = [];
          break;
        }
        const { values, bad: unknown } = parseList(value, TV_PANELS);
        if (values.length === 0) bad();
        else {
          settings.panels = values;
          if (unknown.length > 0) bad(unknown.join(','));
        }
        break;
      }
      case 'pages': {
        const { values, bad: unknown } = parseList(value, TV_PAGES);
        if (values.length === 0) bad();
        else {
          settings.pages = values;
          if (unknown.length > 0) bad(unknown.join(','));
        }
        break;
      }
      case 'rotate': {
        // Not `off`: a wall given several pages turns through them (see rotationMs).
        const ms = parseBoundedDuration(value, TV_LIMITS.minRotateMs, TV_LIMITS.maxRotateMs, { allowOff: false });
        if (ms === undefined) bad();
        else settings.rotateMs = ms;
        break;
      }
      case 'refresh': {
        const ms = parseBoundedDuration(value, 1, TV_LIMITS.maxRefreshMs, { allowOff: false });
        if (ms === undefined) bad();
        else if (ms < floor) {
          settings.refreshMs = floor;
          adjusted.push(`refresh=${shown(value)} → ${durationText(floor)}`);
        } else settings.refreshMs = ms;
        break;
      }
      case 'reload': {
        const ms = parseBoundedDuration(value, TV_LIMITS.minReloadMs, TV_LIMITS.maxReloadMs, { allowOff: true });
        if (ms === undefined) bad();
        else settings.dailyReloadMs = ms;
        break;
      }
      case 'job':
      case 'instance':
        // Empty clears a filter the configuration sets.
        if (value.length > MAX_LABEL_VALUE_LENGTH) bad();
        else settings.filters = { ...settings.filters, [name]: value === '' ? undefined : value };
        break;
      case 'theme':
        if (value === 'light' || value === 'dark') settings.theme = value;
        else bad();
        break;
      case 'id':
        if (DISPLAY_ID_PATTERN.test(value)) settings.displayId = value;
        else bad();
        break;
      case 'dashboard': {
        const ids = [...new Set(value.split(',').map((part) => part.trim()))].filter(Boolean);
        const valid = ids.filter((id) => DASHBOARD_ID_PATTERN.test(id)).slice(0, MAX_WALL_BOARDS);
        if (valid.length === 0) bad();
        else {
          settings.dashboards = valid;
          if (valid.length < ids.length) bad(ids.filter((id) => !valid.includes(id)).join(','));
        }
        break;
      }
    }
  }
  settings.filters = Object.fromEntries(Object.entries(settings.filters).filter(([, value]) => value !== undefined));
  return { settings, ignored, adjusted };
}

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((item, i) => item === b[i]);
const durationParam = (ms: number) => (ms === 0 ? 'off' : durationText(ms));

/** The URL parameters that give `settings` over `config`; what the configuration already says is left out. */
export function encodeTvSettings(settings: TvSettings, config: TvConfig): Record<string, string> {
  const params: Record<string, string> = {};
  if (settings.title !== config.title) params.title = settings.title;
  if (!sameList(settings.tiles, config.tiles)) params.tiles = settings.tiles.join(',');
  if (!sameList(settings.panels, config.panels))
    params.panels = settings.panels.length ? settings.panels.join(',') : 'none';
  if (!sameList(settings.pages, config.pages)) params.pages = settings.pages.join(',');
  if (settings.rotateMs !== config.rotateMs) params.rotate = durationText(settings.rotateMs);
  if (settings.refreshMs !== Math.max(config.refreshMs, config.minRefreshMs))
    params.refresh = durationText(settings.refreshMs);
  if (settings.dailyReloadMs !== config.dailyReloadMs) params.reload = durationParam(settings.dailyReloadMs);
  for (const name of ['job', 'instance'] as const) {
    if (settings.filters[name] !== (config.filters[name] ?? undefined)) params[name] = settings.filters[name] ?? '';
  }
  if (settings.theme !== 'dark') params.theme = settings.theme;
  if (settings.displayId !== undefined) params.id = settings.displayId;
  if (settings.dashboards.length > 0) params.dashboard = settings.dashboards.join(',');
  for (const [name, value] of Object.entries(settings.variables)) params[`${VARIABLE_PARAM_PREFIX}${name}`] = value;
  return params;
}

/** How often the wall turns to its next page (or board); 0 when it shows one. */
export function rotationMs({ pages, rotateMs }: { pages: readonly unknown[]; rotateMs: number }): number {
  if (pages.length < 2) return 0;
  return rotateMs > 0 ? rotateMs : DEFAULT_ROTATE_MS;
}

/** The small line a wall shows about its URL, or undefined when everything was taken as given. */
export function settingsNotice({
  ignored,
  adjusted,
}: Pick<ParsedTvSettings, 'ignored' | 'adjusted'>): string | undefined {
  const parts = [
    ...(ignored.length ? [`ignored: ${ignored.join(', ')}`] : []),
    ...(adjusted.length ? [`server minimum: ${adjusted.join(', ')}`] : []),
  ];
  return parts.length ? parts.join(' · ') : undefined;
}
