import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDuration } from '@promwall/core/duration';
import { headlineKeys, headlineMetrics, type HeadlineKey } from '@promwall/core/headline';
import { MAX_LABEL_VALUE_LENGTH } from '@promwall/core/labels';
import { isValidPromQL } from '@promwall/core/promql';
import { PROMETHEUS_MAX_POINTS } from '@promwall/core/series';
import { TV_LIMITS, TV_PAGES, TV_PANELS } from '@promwall/core/tv';
import { UNITS, type Unit } from '@promwall/core/units';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

// The source (src/config.ts) and the bundle (dist/main.js) sit at the same depth in apps/api,
// so one relative path finds apps/web/dist from either.
const DEFAULT_WEB_DIR = fileURLToPath(new URL('../../web/dist', import.meta.url));

/** Read when PROMWALL_CONFIG is unset and the file exists in the working directory. */
export const DEFAULT_CONFIG_FILE = 'promwall.yml';

const httpUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
  // Callers append API paths to the base, so a trailing slash would double up.
  .transform((url) => url.replace(/\/+$/, ''));

const duration = (max: string, { allowZero = false, min = '' } = {}) =>
  z.string().transform((text, ctx) => {
    const ms = parseDuration(text);
    const least = min ? parseDuration(min)! : allowZero ? 0 : 1;
    if (ms === undefined || ms < least || ms > parseDuration(max)!) {
      const range = min ? `from ${min} to ${max}` : `at most ${max}`;
      ctx.addIssue({ code: 'custom', message: `must be a duration such as 10s, ${range}` });
      return z.NEVER;
    }
    return ms;
  });

const databaseUrl = z.url({
  protocol: /^postgres(ql)?$/,
  error: 'must be a postgresql:// URL, e.g. postgresql://promwall:secret@db.example:5432/promwall',
});

// Segments of unreserved URL characters; a segment of dots alone would be resolved away by browsers.
const basePath = z
  .string()
  .regex(/^(\/(?!\.+(\/|$))[A-Za-z0-9._~-]+)*\/?$/, 'must be empty or a path such as /promwall')
  .transform((prefix) => prefix.replace(/\/+$/, ''));

const port = z.coerce
  .number({ error: 'must be an integer from 0 to 65535' })
  .int('must be an integer from 0 to 65535')
  .min(0, 'must be an integer from 0 to 65535')
  .max(65_535, 'must be an integer from 0 to 65535');

const headerName = /^[A-Za-z0-9-]{1,64}$/;
// Headers Promwall sets itself; a configured value would be overwritten or break the request.
const reservedHeaders = new Set([
  'host',
  'content-length',
  'transfer-encoding',
  'connection',
  'authorization',
  'cookie',
]);

const upstreamSchema = z
  .strictObject({
    url: httpUrl,
    name: z.string().min(1).max(64).optional(),
    /** e.g. /select/0/prometheus for a VictoriaMetrics cluster. */
    pathPrefix: z
      .string()
      .regex(/^(\/[A-Za-z0-9._~-]+)*\/?$/, 'must be a path such as /select/0/prometheus')
      .transform((prefix) => prefix.replace(/\/+$/, ''))
      .default(''),
    timeout: duration('5m').default(10_000),
    headers: z
      .record(
        z.string().regex(headerName, 'header names are letters, digits and dashes'),
        z
          .string()
          .max(4096)
          .regex(/^[^\r\n]*$/, 'header values are one line'),
      )
      .refine((headers) => Object.keys(headers).every((name) => !reservedHeaders.has(name.toLowerCase())), {
        message: `may not set ${[...reservedHeaders].join(', ')} (use basicAuth or bearerToken)`,
      })
      .default({}),
    basicAuth: z.strictObject({ username: z.string().min(1), password: z.string() }).optional(),
    bearerToken: z.string().min(1).optional(),
  })
  .refine((upstream) => !(upstream.basicAuth && upstream.bearerToken), {
    message: 'set basicAuth or bearerToken, not both',
  });

const promql = z.string().max(4096).refine(isValidPromQL, 'is not valid PromQL');

const metricSchema = z.strictObject({
  query: promql.optional(),
  byInstanceQuery: promql.optional(),
  unit: z.enum(UNITS).optional(),
  thresholds: z
    .strictObject({ warning: z.number(), critical: z.number() })
    .refine((t) => t.warning <= t.critical, { message: 'warning must not be above critical' })
    .optional(),
});

const fileSchema = z.strictObject({
  listen: z.strictObject({ host: z.string().min(1).optional(), port: port.optional() }).optional(),
  logLevel: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).optional(),
  web: z.strictObject({ dir: z.string().min(1).optional(), basePath: basePath.optional() }).optional(),
  prometheus: upstreamSchema.optional(),
  alertmanager: upstreamSchema.optional(),
  cache: z
    .strictObject({
      ttl: duration('1h').optional(),
      serveStaleFor: duration('1d', { allowZero: true }).optional(),
    })
    .optional(),
  limits: z
    .strictObject({
      maxRange: duration('10y').optional(),
      maxPoints: z.number().int().min(10).max(PROMETHEUS_MAX_POINTS).optional(),
      maxBodyBytes: z
        .number()
        .int()
        .min(1024)
        .max(10 * 1024 * 1024)
        .optional(),
      rateLimit: z.strictObject({ requests: z.number().int().min(1), per: duration('1h') }).optional(),
    })
    .optional(),
  metrics: z.strictObject(Object.fromEntries(headlineKeys.map((key) => [key, metricSchema.optional()]))).optional(),
  tv: z
    .strictObject({
      title: z.string().min(1).max(TV_LIMITS.maxTitleLength).optional(),
      refresh: duration('1h').optional(),
      minRefresh: duration('1h').optional(),
      tiles: z.array(z.enum(headlineKeys)).min(1).max(headlineKeys.length).optional(),
      panels: z.array(z.enum(TV_PANELS)).max(TV_PANELS.length).optional(),
      pages: z.array(z.enum(TV_PAGES)).min(1).max(8).optional(),
      rotate: duration('1h', { allowZero: true }).optional(),
      dailyReload: duration('7d', { allowZero: true }).optional(),
      job: z.string().min(1).max(MAX_LABEL_VALUE_LENGTH).optional(),
      instance: z.string().min(1).max(MAX_LABEL_VALUE_LENGTH).optional(),
    })
    .refine((tv) => (tv.refresh ?? 10_000) >= (tv.minRefresh ?? 5_000), {
      message: 'refresh must not be below minRefresh',
    })
    .optional(),
  database: z
    .strictObject({
      url: databaseUrl,
      /** Connections of the pool; the recorder's leadership lock holds one more of its own. */
      poolSize: z.number().int().min(2).max(100).optional(),
    })
    .optional(),
  history: z
    .strictObject({
      interval: duration('1h', { min: '1s' }).optional(),
      retention: duration('10y', { min: '1d' }).optional(),
      /** Rounds kept in memory while the database is away; past this the oldest are dropped. */
      maxQueuedRounds: z.number().int().min(1).max(100_000).optional(),
    })
    .optional(),
  embed: z
    .strictObject({
      /** CSP frame-ancestors sources allowed to frame /embed pages, e.g. https://intranet.example.com. */
      frameAncestors: z
        .array(
          z
            .string()
            .regex(
              /^('self'|'none'|https?:\/\/[A-Za-z0-9.*-]+(:\d{1,5})?)$/,
              "must be 'self', 'none' or an http(s) origin",
            ),
        )
        .min(1)
        .max(32)
        .optional(),
    })
    .optional(),
});

export interface UpstreamConfig {
  name: string;
  url: string;
  pathPrefix: string;
  timeoutMs: number;
  /** Headers added to every upstream request, credentials included. */
  headers: Record<string, string>;
}

export interface MetricConfig {
  key: HeadlineKey;
  query: string;
  byInstanceQuery: string;
  unit: Unit;
  thresholds: { warning: number; critical: number };
}

export interface Config {
  host: string;
  port: number;
  web: {
    /** Absolute path of the built web app (the folder holding index.html). */
    dir: string;
    /** The path prefix everything is served under: '' or e.g. '/promwall', never with a trailing slash. */
    basePath: string;
  };
  logLevel: LogLevel;
  prometheus: UpstreamConfig;
  alertmanager: UpstreamConfig | undefined;
  cache: { ttlMs: number; serveStaleForMs: number };
  limits: {
    maxRangeMs: number;
    maxPoints: number;
    maxBodyBytes: number;
    rateLimit: { requests: number; perMs: number };
  };
  metrics: Record<HeadlineKey, MetricConfig>;
  tv: {
    title: string;
    refreshMs: number;
    minRefreshMs: number;
    tiles: HeadlineKey[];
    panels: (typeof TV_PANELS)[number][];
    pages: (typeof TV_PAGES)[number][];
    rotateMs: number;
    dailyReloadMs: number;
    filters: { job?: string; instance?: string };
  };
  embed: { frameAncestors: string[] };
  /** Set when history and shared state live in PostgreSQL. */
  database: { url: string; poolSize: number } | undefined;
  history: { intervalMs: number; retentionMs: number; maxQueuedRounds: number };
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  /** One entry per bad key, e.g. `PORT: must be an integer from 0 to 65535`. */
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(problems.join('\n'));
    this.problems = problems;
  }
}

/**
 * Promwall's settings: the YAML file (PROMWALL_CONFIG, or promwall.yml in the working directory
 * when it exists), then environment variables over it. Empty variables count as unset.
 *
 * @throws ConfigError with one line per bad key.
 */
export function loadConfig(env: Record<string, string | undefined>, cwd = process.cwd()): Config {
  const read = (name: string) => (env[name] === '' ? undefined : env[name]);
  const file = readConfigFile(read('PROMWALL_CONFIG'), cwd);
  const merged = applyEnv(file.data, read);
  const result = fileSchema.safeParse(merged);
  const problems = new Map<string, string>();
  if (merged.prometheus === undefined) {
    problems.set(
      'PROMETHEUS_URL',
      'PROMETHEUS_URL: is required (the base URL of the Prometheus server, e.g. http://127.0.0.1:9090), or prometheus.url in the config file',
    );
  }
  for (const issue of result.error?.issues ?? []) {
    const key = envNameOf(issue.path) ?? `${file.label}: ${issue.path.join('.')}`;
    if (!problems.has(key)) problems.set(key, `${key}: ${issue.message}`);
  }
  if (!result.success || !result.data.prometheus) throw new ConfigError([...problems.values()]);
  const config = result.data;
  const prometheus = result.data.prometheus;
  return {
    host: config.listen?.host ?? '127.0.0.1',
    port: config.listen?.port ?? 8470,
    web: {
      dir: path.resolve(cwd, config.web?.dir ?? DEFAULT_WEB_DIR),
      basePath: config.web?.basePath ?? '',
    },
    logLevel: config.logLevel ?? 'info',
    prometheus: upstream(prometheus, 'prometheus'),
    alertmanager: config.alertmanager ? upstream(config.alertmanager, 'alertmanager') : undefined,
    cache: {
      ttlMs: config.cache?.ttl ?? 2_000,
      serveStaleForMs: config.cache?.serveStaleFor ?? 300_000,
    },
    limits: {
      maxRangeMs: config.limits?.maxRange ?? 31 * 86_400_000,
      maxPoints: config.limits?.maxPoints ?? PROMETHEUS_MAX_POINTS,
      maxBodyBytes: config.limits?.maxBodyBytes ?? 256 * 1024,
      rateLimit: {
        requests: config.limits?.rateLimit?.requests ?? 3_000,
        perMs: config.limits?.rateLimit?.per ?? 60_000,
      },
    },
    tv: {
      title: config.tv?.title ?? 'Promwall',
      refreshMs: config.tv?.refresh ?? 10_000,
      minRefreshMs: config.tv?.minRefresh ?? 5_000,
      tiles: config.tv?.tiles ?? [...headlineKeys],
      panels: config.tv?.panels ?? [...TV_PANELS],
      pages: config.tv?.pages ?? ['overview'],
      rotateMs: config.tv?.rotate ?? 0,
      dailyReloadMs: config.tv?.dailyReload ?? 86_400_000,
      filters: {
        ...(config.tv?.job ? { job: config.tv.job } : {}),
        ...(config.tv?.instance ? { instance: config.tv.instance } : {}),
      },
    },
    embed: { frameAncestors: config.embed?.frameAncestors ?? ["'self'"] },
    database: config.database ? { url: config.database.url, poolSize: config.database.poolSize ?? 5 } : undefined,
    history: {
      intervalMs: config.history?.interval ?? 60_000,
      retentionMs: config.history?.retention ?? 400 * 86_400_000,
      maxQueuedRounds: config.history?.maxQueuedRounds ?? 1_440,
    },
    metrics: Object.fromEntries(
      headlineKeys.map((key) => {
        const defaults = headlineMetrics[key];
        const own = (config.metrics?.[key] ?? {}) as z.infer<typeof metricSchema>;
        return [
          key,
          {
            key,
            query: own.query ?? defaults.query,
            // A custom headline query without its own split has no per-instance values.
            byInstanceQuery:
              own.byInstanceQuery ?? (own.query && own.query !== defaults.query ? '' : defaults.byInstanceQuery),
            unit: own.unit ?? defaults.unit,
            thresholds: own.thresholds ?? defaults.thresholds,
          },
        ];
      }),
    ) as Record<HeadlineKey, MetricConfig>,
  };
}

function upstream(parsed: z.infer<typeof upstreamSchema>, defaultName: string): UpstreamConfig {
  const headers = { ...parsed.headers };
  if (parsed.basicAuth) {
    const { username, password } = parsed.basicAuth;
    headers.Authorization = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
  }
  if (parsed.bearerToken) headers.Authorization = `Bearer ${parsed.bearerToken}`;
  return {
    name: parsed.name ?? defaultName,
    url: parsed.url,
    pathPrefix: parsed.pathPrefix,
    timeoutMs: parsed.timeout,
    headers,
  };
}

/** Environment variables and the config-file keys they set. */
const ENV_KEYS: Record<string, (string | number)[]> = {
  HOST: ['listen', 'host'],
  PORT: ['listen', 'port'],
  LOG_LEVEL: ['logLevel'],
  PROMWALL_WEB_DIR: ['web', 'dir'],
  PROMWALL_BASE_PATH: ['web', 'basePath'],
  PROMETHEUS_URL: ['prometheus', 'url'],
  PROMETHEUS_PATH_PREFIX: ['prometheus', 'pathPrefix'],
  PROMETHEUS_BEARER_TOKEN: ['prometheus', 'bearerToken'],
  ALERTMANAGER_URL: ['alertmanager', 'url'],
  PROMWALL_CACHE_TTL: ['cache', 'ttl'],
  PROMWALL_DATABASE_URL: ['database', 'url'],
  PROMWALL_HISTORY_INTERVAL: ['history', 'interval'],
};

function envNameOf(issuePath: PropertyKey[]): string | undefined {
  const joined = issuePath.join('.');
  return Object.entries(ENV_KEYS).find(([, keys]) => keys.join('.') === joined)?.[0];
}

function applyEnv(data: Record<string, unknown>, read: (name: string) => string | undefined): Record<string, unknown> {
  const merged = structuredClone(data);
  for (const [name, keys] of Object.entries(ENV_KEYS)) {
    const value = read(name);
    if (value === undefined) continue;
    let node = merged;
    for (const key of keys.slice(0, -1)) {
      const child = node[key as string];
      node = (node[key as string] = typeof child === 'object' && child !== null ? child : {}) as Record<
        string,
        unknown
      >;
    }
    node[keys[keys.length - 1] as string] = value;
  }
  return merged;
}

function readConfigFile(explicit: string | undefined, cwd: string): { data: Record<string, unknown>; label: string } {
  const file = path.resolve(cwd, explicit ?? DEFAULT_CONFIG_FILE);
  if (!explicit && !existsSync(file)) return { data: {}, label: DEFAULT_CONFIG_FILE };
  const label = explicit ?? DEFAULT_CONFIG_FILE;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new ConfigError([`PROMWALL_CONFIG: cannot read ${file}`]);
  }
  let data: unknown;
  try {
    data = parseYaml(text) ?? {};
  } catch (error) {
    throw new ConfigError([`${label}: not valid YAML (${(error as Error).message.split('\n')[0]})`]);
  }
  if (typeof data !== 'object' || Array.isArray(data)) throw new ConfigError([`${label}: must be a YAML mapping`]);
  return { data: data as Record<string, unknown>, label };
}
