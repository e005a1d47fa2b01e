import { z } from 'zod';
import { headlineKeys } from './headline.ts';
import { HISTORY_RESOLUTIONS } from './history.ts';
import { DISPLAY_ID_PATTERN, TV_PAGES, TV_PANELS } from './tv.ts';
import { UNITS } from './units.ts';

/** Wire types of Promwall's JSON API, v1. The API validates its answers against them in tests,
 * the web app types its hooks with them, and /api/v1/openapi.json is generated from them. */

export const errorBody = z
  .object({
    error: z.object({
      code: z.string().meta({ description: 'stable machine-readable code, e.g. bad_request, upstream_timeout' }),
      message: z.string(),
    }),
  })
  .meta({ id: 'Error' });
export type ErrorBody = z.infer<typeof errorBody>;

/** `GET /healthz`: the process serves HTTP, whatever the upstream's state. */
export const health = z.object({ status: z.literal('ok'), version: z.string() }).meta({ id: 'Health' });
export type Health = z.infer<typeof health>;

/** `GET /readyz` when the upstream evaluates a query. */
export const readiness = z
  .object({ status: z.literal('ready'), upstream: z.string().meta({ description: 'the upstream’s name' }) })
  .meta({ id: 'Readiness' });
export type Readiness = z.infer<typeof readiness>;

/**
 * Prometheus's own answers, which `/api/prom` passes through unchanged:
 * https://prometheus.io/docs/prometheus/latest/querying/api/#format-overview. Loose objects:
 * they are Prometheus's to extend.
 */
export const prometheusSuccess = z
  .looseObject({
    status: z.literal('success'),
    data: z.unknown().meta({ description: 'the endpoint’s result, as Prometheus documents it' }),
    warnings: z.array(z.string()).optional(),
    infos: z.array(z.string()).optional(),
  })
  .meta({ id: 'PrometheusSuccess' });

export const prometheusError = z
  .looseObject({
    status: z.literal('error'),
    errorType: z.string().meta({ description: 'e.g. bad_data, execution, timeout, canceled' }),
    error: z.string(),
    warnings: z.array(z.string()).optional(),
    infos: z.array(z.string()).optional(),
  })
  .meta({ id: 'PrometheusError' });
export type PrometheusError = z.infer<typeof prometheusError>;

export const unit = z.enum(UNITS);
export const status = z.enum(['ok', 'warning', 'critical', 'unknown']);
export type Status = z.infer<typeof status>;
export const headlineKey = z.enum(headlineKeys);

const isoTime = z.iso.datetime({ offset: true });

export const instanceValue = z.object({
  instance: z.string(),
  value: z.number().nullable(),
});

export const headlineValue = z
  .object({
    value: z.number().nullable().meta({ description: 'null when the query returned no data; never a made-up 0' }),
    unit,
    status,
    query: z.string().meta({ description: 'the PromQL that produced the value, filters applied' }),
    byInstance: z.array(instanceValue),
    error: errorBody.shape.error.optional().meta({ description: 'present when this metric’s query failed' }),
  })
  .meta({ id: 'HeadlineValue' });
export type HeadlineValue = z.infer<typeof headlineValue>;

export const summary = z
  .object({
    generatedAt: isoTime,
    source: z.string().meta({ description: 'the upstream’s name from the configuration' }),
    stale: z.boolean().meta({ description: 'true when the upstream failed and these are the last good values' }),
    lastSuccessAt: isoTime.nullable(),
    filters: z.object({ job: z.string().optional(), instance: z.string().optional() }),
    metrics: z.object(
      Object.fromEntries(headlineKeys.map((key) => [key, headlineValue])) as Record<
        (typeof headlineKeys)[number],
        typeof headlineValue
      >,
    ),
  })
  .meta({ id: 'Summary' });
export type Summary = z.infer<typeof summary>;

/** One record of the seeds' "standard format". */
export const standardRecord = z
  .object({
    metric_name: z.string(),
    metric_value: z.number().nullable(),
    timestamp: isoTime,
    labels: z.record(z.string(), z.string()),
    source: z.string(),
    data_type: z.literal('metric'),
  })
  .meta({ id: 'StandardRecord' });
export type StandardRecord = z.infer<typeof standardRecord>;

export const seriesPoint = z.tuple([z.number().meta({ description: 'Unix time in ms' }), z.number().nullable()]);

export const headlineSeries = z
  .object({
    metric: headlineKey,
    unit,
    query: z.string(),
    start: isoTime,
    end: isoTime,
    stepSeconds: z.number().positive(),
    series: z.array(z.object({ labels: z.record(z.string(), z.string()), points: z.array(seriesPoint) })),
  })
  .meta({ id: 'HeadlineSeries' });
export type HeadlineSeries = z.infer<typeof headlineSeries>;

export const historyResolution = z.enum(HISTORY_RESOLUTIONS);

/** One headline metric's stored history, `GET /api/v1/history/{metric}`. */
export const historySeries = z
  .object({
    metric: headlineKey,
    unit,
    resolution: historyResolution,
    instance: z.string().nullable().meta({ description: 'null for the headline figure itself' }),
    from: isoTime,
    to: isoTime,
    stepSeconds: z
      .number()
      .positive()
      .meta({ description: 'the recording interval (raw) or the bucket length; a longer distance is a gap' }),
    points: z.array(
      z.object({
        timestamp: isoTime.meta({ description: 'the sample time (raw) or the start of the bucket' }),
        value: z.number().meta({ description: 'the recorded value, or the average over the bucket' }),
      }),
    ),
  })
  .meta({ id: 'HistorySeries' });
export type HistorySeries = z.infer<typeof historySeries>;

/** What is recorded, `GET /api/v1/history`. */
export const historyInfo = z
  .object({
    intervalSeconds: z.number().positive(),
    retentionDays: z.number().positive(),
    resolutions: z.array(historyResolution),
    first: isoTime.nullable().meta({ description: 'the oldest stored sample; null when nothing is stored yet' }),
    last: isoTime.nullable(),
    instances: z
      .object(
        Object.fromEntries(headlineKeys.map((key) => [key, z.array(z.string())])) as Record<
          (typeof headlineKeys)[number],
          z.ZodArray<z.ZodString>
        >,
      )
      .meta({ description: 'per headline metric, the instances it was recorded for' }),
  })
  .meta({ id: 'HistoryInfo' });
export type HistoryInfo = z.infer<typeof historyInfo>;

export const targetHealth = z.enum(['up', 'down', 'unknown']);
export const target = z
  .object({
    job: z.string(),
    instance: z.string(),
    health: targetHealth,
    lastScrape: isoTime.nullable(),
    lastScrapeDurationSeconds: z.number().nullable(),
    lastError: z.string(),
    scrapeUrl: z.string(),
    labels: z.record(z.string(), z.string()),
  })
  .meta({ id: 'Target' });
export type Target = z.infer<typeof target>;

export const targets = z
  .object({
    generatedAt: isoTime,
    counts: z.object({
      up: z.number().int(),
      down: z.number().int(),
      unknown: z.number().int(),
      total: z.number().int(),
    }),
    targets: z.array(target),
  })
  .meta({ id: 'Targets' });
export type Targets = z.infer<typeof targets>;

export const alertState = z.enum(['firing', 'pending']);
export const alert = z
  .object({
    name: z.string(),
    state: alertState,
    severity: z.string().nullable(),
    labels: z.record(z.string(), z.string()),
    annotations: z.record(z.string(), z.string()),
    activeAt: isoTime.nullable(),
    value: z.number().nullable(),
    silenced: z.boolean(),
    inhibited: z.boolean(),
    silencedBy: z.array(z.string()),
    inhibitedBy: z.array(z.string()),
  })
  .meta({ id: 'Alert' });
export type Alert = z.infer<typeof alert>;

export const alerts = z
  .object({
    generatedAt: isoTime,
    alertmanager: z.enum(['merged', 'not_configured', 'unreachable']),
    counts: z.object({
      byState: z.record(z.string(), z.number().int()),
      bySeverity: z.record(z.string(), z.number().int()),
      total: z.number().int(),
    }),
    alerts: z.array(alert),
  })
  .meta({ id: 'Alerts' });
export type Alerts = z.infer<typeof alerts>;

/** What a TV wall reports every half minute, `POST /api/v1/displays/heartbeat`. */
export const heartbeat = z
  .strictObject({
    id: z.string().regex(DISPLAY_ID_PATTERN, 'must be 1–64 letters, digits, _ or -'),
    version: z.string().max(64),
    page: z.string().max(256),
    refreshMs: z.number().int().min(0).max(86_400_000),
    lastRefreshAt: isoTime.nullable(),
  })
  .meta({ id: 'Heartbeat' });
export type Heartbeat = z.infer<typeof heartbeat>;

export const display = heartbeat
  .extend({
    firstSeenAt: isoTime,
    lastSeenAt: isoTime,
    address: z.string(),
    userAgent: z.string(),
    alive: z.boolean().meta({ description: 'heard from within three refresh intervals, at least a minute' }),
  })
  .meta({ id: 'Display' });
export type Display = z.infer<typeof display>;

export const displays = z.object({ displays: z.array(display) }).meta({ id: 'Displays' });

/** The TV wall settings, `GET /api/v1/tv/config`: durations in ms, 0 for off. */
export const tvConfig = z
  .object({
    title: z.string(),
    refreshMs: z.number().int(),
    minRefreshMs: z.number().int(),
    tiles: z.array(headlineKey),
    panels: z.array(z.enum(TV_PANELS)),
    pages: z.array(z.enum(TV_PAGES)),
    rotateMs: z.number().int(),
    dailyReloadMs: z.number().int(),
    filters: z.object({ job: z.string().optional(), instance: z.string().optional() }),
    version: z.string(),
  })
  .meta({ id: 'TvConfig' });
export type TvConfig = z.infer<typeof tvConfig>;
