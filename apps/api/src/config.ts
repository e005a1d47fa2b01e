import { fileURLToPath } from 'node:url';
import { ROLES, TOKEN_NAME_PATTERN } from '@promwall/core/auth';
import { headlineKeys, headlineMetrics, type HeadlineKey } from '@promwall/core/headline';
import { MAX_LABEL_VALUE_LENGTH } from '@promwall/core/labels';
import { PROMETHEUS_MAX_POINTS } from '@promwall/core/series';
import { TV_LIMITS, TV_PAGES, TV_PANELS } from '@promwall/core/tv';
import { UNITS } from '@promwall/core/units';
import { z } from 'zod';
import { keysOf, type ConfigKey } from './config/config.keys.ts';
import { readConfigFile } from './config/config.file.ts';
import {
  alertNames,
  duration,
  flag,
  folder,
  headers,
  hostNames,
  httpUrl,
  oneSecret,
  port,
  postgresUrl,
  promql,
  secretFile,
  thresholds,
  trustProxy,
  upstreamTls,
  urlPath,
} from './config/config.fields.ts';
import { ConfigError, configErrorMap } from './config/config.problems.ts';

export { ConfigError } from './config/config.problems.ts';
export { DEFAULT_CONFIG_FILE, findConfigFile } from './config/config.file.ts';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

// The source (src/config.ts) and the bundle (dist/main.js) sit at the same depth in apps/api,
// so one relative path finds apps/web/dist from either.
const DEFAULT_WEB_DIR = fileURLToPath(new URL('../../web/dist', import.meta.url));
// The repository's dashboards/ folder, found the same way: it ships the overview and demo boards.
const DEFAULT_DASHBOARDS_DIR = fileURLToPath(new URL('../../../dashboards', import.meta.url));

/**
 * A Prometheus-compatible server or an Alertmanager; its credentials end up as headers. Its
 * environment variables are `env` and the key: PROMETHEUS_URL, PROMETHEUS_BEARER_TOKEN_FILE.
 */
const upstream = (name: string, purpose: string, env: string) =>
  z
    .strictObject({
      url: httpUrl(purpose).meta({ env: `${env}_URL` }),
      /** How answers and error messages name it. */
      name: z.string().min(1).max(64).default(name),
      /** e.g. /select/0/prometheus for a VictoriaMetrics cluster. */
      pathPrefix: urlPath('/select/0/prometheus')
        .default('')
        .meta({ env: `${env}_PATH_PREFIX` }),
      timeout: duration({ max: 5 * MINUTE }).default(10 * SECOND),
      headers: headers.default({}),
      basicAuth: z
        .strictObject({
          username: z
            .string()
            .min(1)
            .meta({ env: `${env}_BASIC_AUTH_USERNAME` }),
          password: z
            .string()
            .optional()
            .meta({ env: `${env}_BASIC_AUTH_PASSWORD` }),
          passwordFile: secretFile.optional().meta({ env: `${env}_BASIC_AUTH_PASSWORD_FILE` }),
        })
        .transform(({ username, password, passwordFile }, ctx) => {
          const secret = oneSecret(ctx, password, passwordFile, 'password');
          if (secret === undefined) ctx.addIssue({ code: 'custom', message: 'set password or passwordFile' });
          return { username, password: secret ?? '' };
        })
        .optional(),
      bearerToken: z
        .string()
        .min(1)
        .optional()
        .meta({ env: `${env}_BEARER_TOKEN` }),
      bearerTokenFile: secretFile.optional().meta({ env: `${env}_BEARER_TOKEN_FILE` }),
      tls: upstreamTls.optional(),
    })
    .transform(({ timeout, headers, basicAuth, bearerToken, bearerTokenFile, tls, ...rest }, ctx) => {
      const token = oneSecret(ctx, bearerToken, bearerTokenFile, 'bearerToken');
      if (basicAuth && token) ctx.addIssue({ code: 'custom', message: 'set basicAuth or bearerToken, not both' });
      if (tls && !rest.url.startsWith('https:')) {
        ctx.addIssue({ code: 'custom', path: ['tls'], message: 'applies to an https:// url only' });
      }
      return {
        ...rest,
        timeoutMs: timeout,
        /** Added to every upstream request, credentials included. */
        headers: { ...headers, ...authorization(basicAuth, token) },
        ...(tls ? { tls } : {}),
      };
    });

function authorization(
  basicAuth: { username: string; password: string } | undefined,
  bearerToken: string | undefined,
): Record<string, string> {
  if (bearerToken) return { Authorization: `Bearer ${bearerToken}` };
  if (basicAuth) {
    return { Authorization: `Basic ${Buffer.from(`${basicAuth.username}:${basicAuth.password}`).toString('base64')}` };
  }
  return {};
}

/** One headline metric: the catalogue's PromQL, unit and thresholds unless configured. */
const metric = (key: HeadlineKey) => {
  const catalogue = headlineMetrics[key];
  return z
    .strictObject({
      query: promql.default(catalogue.query),
      byInstanceQuery: promql.optional(),
      unit: z.enum(UNITS).default(catalogue.unit),
      thresholds: thresholds.default(catalogue.thresholds),
      /** The alert rules that watch it: its tile shows them while they fire. */
      alerts: alertNames.default([]),
    })
    .prefault({})
    .transform(({ byInstanceQuery, ...own }) => ({
      key,
      ...own,
      // A custom headline query without its own split has no per-instance values.
      byInstanceQuery: byInstanceQuery ?? (own.query === catalogue.query ? catalogue.byInstanceQuery : ''),
    }));
};

const prometheus = upstream(
  'prometheus',
  'the base URL of the Prometheus server, e.g. http://127.0.0.1:9090',
  'PROMETHEUS',
);

const metrics = z.strictObject(
  Object.fromEntries(headlineKeys.map((key) => [key, metric(key)])) as Record<HeadlineKey, ReturnType<typeof metric>>,
);

/**
 * Promwall's settings, each stated once: its default (`.default()`), its environment variable
 * (`.meta({ env })`) and its checks. Durations are text in the file (`10s`) and milliseconds once
 * parsed, under the key's name with `Ms` added.
 */
export const configSchema = z.strictObject({
  listen: z
    .strictObject({
      host: z.string().min(1).default('127.0.0.1').meta({ env: 'HOST' }),
      port: port.default(8470).meta({ env: 'PORT' }),
    })
    .prefault({}),
  server: z
    .strictObject({
      /** Host header names answered, others 421 (DNS rebinding); unset: see allowedHostsOf. */
      allowedHosts: hostNames.optional().meta({ env: 'PROMWALL_ALLOWED_HOSTS' }),
      trustProxy: trustProxy.default(false).meta({ env: 'PROMWALL_TRUST_PROXY' }),
      headersTimeout: duration({ max: 5 * MINUTE }).default(10 * SECOND),
      requestTimeout: duration({ max: HOUR }).default(30 * SECOND),
      keepAliveTimeout: duration({ max: 5 * MINUTE }).default(5 * SECOND),
      maxConnections: z.number().int().min(16).max(1_000_000).default(900),
      maxConnectionsPerClient: z.number().int().min(1).max(1_000_000).default(512),
      shutdownTimeout: duration({ max: 5 * MINUTE }).default(10 * SECOND),
    })
    // Node refuses a request timeout shorter than the headers' (0 turns both off, never wanted here).
    .refine((server) => server.headersTimeout <= server.requestTimeout, {
      message: 'headersTimeout must not be above requestTimeout',
    })
    .prefault({})
    .transform(({ headersTimeout, requestTimeout, keepAliveTimeout, shutdownTimeout, ...rest }) => ({
      ...rest,
      headersTimeoutMs: headersTimeout,
      requestTimeoutMs: requestTimeout,
      keepAliveTimeoutMs: keepAliveTimeout,
      shutdownTimeoutMs: shutdownTimeout,
    })),
  logLevel: z.enum(LOG_LEVELS).default('info').meta({ env: 'LOG_LEVEL' }),
  web: z
    .strictObject({
      /** The built web app: the folder holding index.html. */
      dir: folder.default(DEFAULT_WEB_DIR).meta({ env: 'PROMWALL_WEB_DIR' }),
      /** Where a reverse proxy serves Promwall, e.g. /promwall; '' for the root. */
      basePath: urlPath('/promwall').default('').meta({ env: 'PROMWALL_BASE_PATH' }),
    })
    .prefault({}),
  // Parsed as empty when missing, so that its url is reported as required by name.
  prometheus: prometheus.prefault({} as z.input<typeof prometheus>),
  alertmanager: upstream(
    'alertmanager',
    'the base URL of Alertmanager, e.g. http://127.0.0.1:9093',
    'ALERTMANAGER',
  ).optional(),
  auth: z
    .strictObject({
      /** Access tokens, by hash (`npm run token` prints one); none: Promwall asks for no token. */
      tokens: z
        .array(
          z.strictObject({
            name: z
              .string()
              .regex(TOKEN_NAME_PATTERN, 'must be 1 to 64 letters, digits, ., _ or -, starting with a letter or digit'),
            role: z.enum(ROLES),
            hash: z
              .string()
              .regex(/^sha256:[0-9a-fA-F]{64}$/, 'must be sha256: and 64 hex digits, as `npm run token` prints it')
              .transform((hash) => hash.toLowerCase()),
          }),
        )
        .max(1_000)
        .default([])
        .superRefine((tokens, ctx) => {
          const seen = { name: new Set<string>(), hash: new Set<string>() };
          tokens.forEach((token, index) => {
            for (const key of ['name', 'hash'] as const) {
              if (seen[key].has(token[key])) {
                ctx.addIssue({ code: 'custom', path: [index, key], message: `is the ${key} of another token` });
              }
              seen[key].add(token[key]);
            }
          });
        }),
      /** Serve /metrics without a token, for a Prometheus that scrapes Promwall. */
      publicMetrics: flag.default(false).meta({ env: 'PROMWALL_PUBLIC_METRICS' }),
      /** How long a browser keeps the cookie of a sign-in or a ?token= link; every page load renews it. */
      cookieMaxAge: duration({ min: MINUTE, max: 400 * DAY }).default(30 * DAY),
    })
    .prefault({})
    .transform(({ cookieMaxAge, ...rest }) => ({ ...rest, cookieMaxAgeMs: cookieMaxAge })),
  cache: z
    .strictObject({
      ttl: duration({ max: HOUR })
        .default(2 * SECOND)
        .meta({ env: 'PROMWALL_CACHE_TTL' }),
      serveStaleFor: duration({ max: DAY, off: true }).default(5 * MINUTE),
      /** Past the TTL, answer the cached one at once while one refresh runs, this long; 3× the TTL unless set. */
      staleWhileRevalidate: duration({ max: DAY, off: true }).optional(),
    })
    .prefault({})
    .transform(({ ttl, serveStaleFor, staleWhileRevalidate }) => ({
      ttlMs: ttl,
      serveStaleForMs: serveStaleFor,
      staleWhileRevalidateMs: staleWhileRevalidate ?? 3 * ttl,
    })),
  proxy: z
    .strictObject({
      /** Identical concurrent /api/prom requests share one upstream request. */
      collapse: z.boolean().default(true),
    })
    .prefault({}),
  limits: z
    .strictObject({
      maxRange: duration({ max: 10 * 365 * DAY }).default(31 * DAY),
      maxPoints: z.number().int().min(10).max(PROMETHEUS_MAX_POINTS).default(PROMETHEUS_MAX_POINTS),
      maxBodyBytes: z
        .number()
        .int()
        .min(1024)
        .max(10 * 1024 * 1024)
        .default(256 * 1024),
      rateLimit: z
        .strictObject({
          requests: z.number().int().min(1).default(3_000),
          per: duration({ max: HOUR }).default(MINUTE),
        })
        .prefault({}),
      /** The largest upstream answer read; a larger one is a 502. */
      maxUpstreamBytes: z.coerce
        .number()
        .int()
        .min(64 * 1024)
        .max(1024 * 1024 * 1024)
        .default(8 * 1024 * 1024)
        .meta({ env: 'PROMWALL_MAX_UPSTREAM_BYTES' }),
      /** Most per-instance values in a headline metric, most series in a chart, most alerts in a list. */
      maxInstances: z.number().int().min(1).max(100_000).default(500),
      maxSeries: z.number().int().min(1).max(10_000).default(200),
      maxAlerts: z.number().int().min(1).max(100_000).default(1_000),
      concurrentRequestsPerClient: z.number().int().min(1).max(10_000).default(32),
      concurrentUpstreamQueries: z.number().int().min(1).max(10_000).default(32),
      /** How long a request waits for a free slot before a 503 with Retry-After. */
      queueTimeout: duration({ max: MINUTE }).default(5 * SECOND),
    })
    .prefault({})
    .transform(({ maxRange, rateLimit: { requests, per }, queueTimeout, ...rest }) => ({
      ...rest,
      maxRangeMs: maxRange,
      rateLimit: { requests, perMs: per },
      queueTimeoutMs: queueTimeout,
    })),
  metrics: metrics.prefault({}),
  tv: z
    .strictObject({
      title: z.string().min(1).max(TV_LIMITS.maxTitleLength).default('Promwall'),
      refresh: duration({ max: TV_LIMITS.maxRefreshMs }).default(10 * SECOND),
      /** The floor: no wall refreshes faster, whatever its URL says. */
      minRefresh: duration({ max: TV_LIMITS.maxRefreshMs }).default(5 * SECOND),
      tiles: z
        .array(z.enum(headlineKeys))
        .min(1)
        .max(headlineKeys.length)
        .default([...headlineKeys]),
      panels: z
        .array(z.enum(TV_PANELS))
        .max(TV_PANELS.length)
        .default([...TV_PANELS]),
      pages: z.array(z.enum(TV_PAGES)).min(1).max(8).default(['overview']),
      rotate: duration({ min: TV_LIMITS.minRotateMs, max: TV_LIMITS.maxRotateMs, off: true }).default(0),
      dailyReload: duration({ min: TV_LIMITS.minReloadMs, max: TV_LIMITS.maxReloadMs, off: true }).default(DAY),
      job: z.string().min(1).max(MAX_LABEL_VALUE_LENGTH).optional(),
      instance: z.string().min(1).max(MAX_LABEL_VALUE_LENGTH).optional(),
    })
    .refine((tv) => tv.refresh >= tv.minRefresh, { message: 'refresh must not be below minRefresh' })
    .prefault({})
    .transform(({ refresh, minRefresh, rotate, dailyReload, job, instance, ...rest }) => ({
      ...rest,
      refreshMs: refresh,
      minRefreshMs: minRefresh,
      rotateMs: rotate,
      dailyReloadMs: dailyReload,
      filters: { ...(job ? { job } : {}), ...(instance ? { instance } : {}) },
    })),
  dashboards: z
    .strictObject({
      /** The folder of dashboard files (`<id>.yml`), watched for changes. */
      dir: folder.default(DEFAULT_DASHBOARDS_DIR).meta({ env: 'PROMWALL_DASHBOARDS_DIR' }),
    })
    .prefault({}),
  /** Set: history is recorded and the displays registry is shared, in PostgreSQL. */
  database: z
    .strictObject({
      url: postgresUrl.optional().meta({ env: 'PROMWALL_DATABASE_URL' }),
      urlFile: secretFile.pipe(postgresUrl).optional().meta({ env: 'PROMWALL_DATABASE_URL_FILE' }),
      /** Connections of the pool; the recorder's leadership lock holds one more of its own. */
      poolSize: z.number().int().min(2).max(100).default(5),
    })
    .transform(({ url, urlFile, ...rest }, ctx) => {
      const secret = oneSecret(ctx, url, urlFile, 'url');
      if (secret === undefined) ctx.addIssue({ code: 'custom', path: ['url'], message: 'set url or urlFile' });
      return { ...rest, url: secret ?? '' };
    })
    .optional(),
  /** Used only with a database. */
  history: z
    .strictObject({
      /** One round: the five headline metrics, overall and per instance. */
      interval: duration({ min: SECOND, max: HOUR }).default(MINUTE).meta({ env: 'PROMWALL_HISTORY_INTERVAL' }),
      /** Rows older than this are removed. */
      retention: duration({ min: DAY, max: 10 * 365 * DAY }).default(400 * DAY),
      /** Rounds kept in memory while the database is away; past this the oldest are dropped. */
      maxQueuedRounds: z.number().int().min(1).max(100_000).default(1_440),
    })
    .prefault({})
    .transform(({ interval, retention, ...rest }) => ({ ...rest, intervalMs: interval, retentionMs: retention })),
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
        .default(["'self'"]),
    })
    .prefault({}),
});

export type Config = z.output<typeof configSchema>;
export type UpstreamConfig = Config['prometheus'];
export type AuthConfig = Config['auth'];
export type MetricConfig = Config['metrics'][HeadlineKey];
export type LogLevel = Config['logLevel'];
export type ServerConfig = Config['server'];

/** The names a browser uses for this machine's loopback: a page on any other name is a DNS rebinding. */
export const LOOPBACK_HOSTS = ['localhost', '*.localhost', '127.0.0.1', '[::1]'] as const;

/** Whether Promwall listens on loopback only, so that only loopback names can reach it honestly. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * The Host names answered: the configured ones; unset, loopback names when listening on loopback
 * (nothing else reaches it honestly), and any name otherwise (undefined), which start warns about.
 */
export function allowedHostsOf(config: Pick<Config, 'listen' | 'server'>): readonly string[] | undefined {
  return config.server.allowedHosts ?? (isLoopback(config.listen.host) ? LOOPBACK_HOSTS : undefined);
}

/** Every key of the file, and the environment variables declared beside them. */
export const configKeys = keysOf(configSchema);
const envKeys = configKeys.filter((key): key is ConfigKey & { env: string } => key.env !== undefined);

/**
 * Promwall's settings: the YAML file (PROMWALL_CONFIG, or promwall.yml in the working directory
 * when it exists), then environment variables over it. Empty variables count as unset.
 *
 * @throws ConfigError with one line per bad key, naming the variable that set it or the file and key.
 */
export function loadConfig(env: Record<string, string | undefined>, cwd = process.cwd()): Config {
  const file = readConfigFile(env, cwd);
  const input = structuredClone(file.data);
  const setByEnv = new Map<string, string>();
  for (const { env: name, path } of envKeys) {
    const value = env[name];
    if (value === undefined || value === '') continue;
    setAt(input, path, value);
    setByEnv.set(path.join('.'), name);
  }

  const result = configSchema.safeParse(input, { error: configErrorMap });
  if (result.success) return result.data;

  const problems = new Map<string, string>();
  for (const issue of result.error.issues) {
    const key = issue.path.join('.');
    const missing = valueAt(input, issue.path) === undefined;
    // A missing value is named by its variable when it has one: that is the usual way to set it.
    const variable = setByEnv.get(key) ?? (missing ? envKeys.find((k) => k.path.join('.') === key)?.env : undefined);
    const where = variable ?? (key ? `${file.label}: ${key}` : file.label);
    const message = variable && missing ? `${issue.message}, or ${key} in the config file` : issue.message;
    if (!problems.has(where)) problems.set(where, `${where}: ${message}`);
  }
  throw new ConfigError([...problems.values()]);
}

function setAt(target: Record<string, unknown>, path: readonly string[], value: string): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    const child = node[key];
    node = (node[key] = typeof child === 'object' && child !== null ? child : {}) as Record<string, unknown>;
  }
  node[path.at(-1)!] = value;
}

function valueAt(source: unknown, path: readonly PropertyKey[]): unknown {
  let node = source;
  for (const key of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}
