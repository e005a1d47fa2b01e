import { z } from 'zod';
import { SEVERITY_ORDER } from './alerts.ts';
import { ROLES, SILENCE_LIMITS } from './auth.ts';
import { formatDuration, parseDuration } from './duration.ts';
import { headlineKeys } from './headline.ts';
import { HISTORY_RESOLUTIONS } from './history.ts';
import { MAX_LABEL_VALUE_LENGTH } from './labels.ts';
import { LINKED_ALERT_STATES, STATUS_REASONS } from './tileState.ts';
import { DISPLAY_ID_PATTERN, TV_PAGES, TV_PANELS } from './tv.ts';
import { UNITS } from './units.ts';

/**
 * Wire types of Promwall's JSON API, v1. The API validates its answers against them in tests,
 * the web app types its hooks with them, and /api/v1/openapi.json is generated from them.
 *
 * One convention throughout: every point in time is an ISO 8601 string in UTC
 * (`2026-11-22T10:15:30.000Z`), in answers and in parameters; a duration carries its unit in its
 * name (`stepSeconds`, `refreshMs`); a value that is absent is `null`, never `""`, `0` or left out.
 */

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

export const isoTime = z.iso.datetime({ offset: true }).meta({ description: 'ISO 8601, UTC' });

export const statusReason = z.enum(STATUS_REASONS).meta({
  description:
    'why the status: thresholds (the value against them), alert (a linked alert rule fires or is pending), ' +
    'source_down (every target feeding the value is down), no_data, failed',
});

export const thresholds = z
  .object({ warning: z.number(), critical: z.number() })
  .meta({ id: 'Thresholds', description: 'at or above warning is a warning, at or above critical critical' });

export const sources = z.object({ up: z.number().int(), down: z.number().int() }).meta({
  id: 'Sources',
  description:
    'the scrape targets whose series feed the value (by their job and instance labels), by health; both 0 ' +
    'when none is known, e.g. for series no target scrapes',
});
export type Sources = z.infer<typeof sources>;

export const linkedAlert = z
  .object({
    name: z.string(),
    state: z.enum(LINKED_ALERT_STATES).meta({
      description: 'missing: Prometheus has no alert rule of this name; unknown: its rules could not be read',
    }),
    severity: z.string().nullable(),
    activeAt: isoTime.nullable(),
    summary: z.string().nullable(),
  })
  .meta({ id: 'LinkedAlert', description: 'an alert rule that watches a value, and its state' });
export type LinkedAlert = z.infer<typeof linkedAlert>;

/** The job and instance filters an answer was made with; null where none was given. */
const labelFilters = z.object({ job: z.string().nullable(), instance: z.string().nullable() });

/** Present when a list was cut to Promwall's limit: the limit, and how many there were. */
export const truncation = z
  .object({ limit: z.number().int(), total: z.number().int() })
  .meta({ id: 'Truncation', description: 'the list holds `limit` of `total` entries' });
export type Truncation = z.infer<typeof truncation>;

export const instanceValue = z.object({
  instance: z.string(),
  value: z.number().nullable(),
  status,
  reason: statusReason,
  sources,
});
export type InstanceValue = z.infer<typeof instanceValue>;

export const headlineValue = z
  .object({
    value: z.number().nullable().meta({ description: 'null when the query returned no data; never a made-up 0' }),
    sampledAt: isoTime.nullable().meta({ description: 'the time of the sample; null without one' }),
    unit,
    status,
    reason: statusReason,
    thresholds,
    sources,
    alerts: z.array(linkedAlert).meta({ description: 'the alert rules configured to watch this metric' }),
    query: z.string().meta({ description: 'the PromQL that produced the value, filters applied' }),
    byInstance: z.array(instanceValue),
    byInstanceTruncated: truncation.optional().meta({
      description:
        'present when byInstance holds only the instances Promwall keeps: source down first, then the highest values',
    }),
    error: errorBody.shape.error.nullable().meta({ description: 'this metric’s query failed; null when it did not' }),
  })
  .meta({ id: 'HeadlineValue' });
export type HeadlineValue = z.infer<typeof headlineValue>;

export const summary = z
  .object({
    generatedAt: isoTime,
    source: z.string().meta({ description: 'the upstream’s name from the configuration' }),
    stale: z.boolean().meta({ description: 'true when the upstream failed and these are the last good values' }),
    lastSuccessAt: isoTime.nullable(),
    filters: labelFilters,
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
    metric_name: z.string().meta({
      description: 'the headline metric (`cpu`) for its figure, `<metric>_by_instance` for one instance’s',
    }),
    metric_value: z.number().nullable(),
    timestamp: isoTime.nullable().meta({ description: 'the time of the sample; null without one' }),
    labels: z.record(z.string(), z.string()).meta({ description: 'the filters, and `instance` on per-instance rows' }),
    unit,
    status,
    source: z.string(),
    data_type: z.literal('metric'),
  })
  .meta({ id: 'StandardRecord' });
export type StandardRecord = z.infer<typeof standardRecord>;

export const seriesPoint = z.tuple([isoTime, z.number().nullable()]);
export type SeriesPoint = z.infer<typeof seriesPoint>;

export const headlineSeries = z
  .object({
    metric: headlineKey,
    unit,
    query: z.string(),
    start: isoTime,
    end: isoTime,
    stepSeconds: z.number().positive(),
    series: z.array(z.object({ labels: z.record(z.string(), z.string()), points: z.array(seriesPoint) })),
    truncated: truncation
      .optional()
      .meta({ description: 'present when only the series with the highest peaks are kept' }),
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
    lastError: z.string().nullable().meta({ description: 'the last scrape’s error; null when it succeeded' }),
    downSince: isoTime.nullable().meta({
      description:
        'when a down target’s outage began: to the second within the last 15 minutes, to the minute before; ' +
        'null when it is not down, or was not up in the last day',
    }),
    scrapeUrl: z.string().nullable(),
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

/** An active silence of Alertmanager's, as an alert it mutes shows it. */
export const silence = z
  .object({
    id: z.string(),
    createdBy: z.string(),
    comment: z.string(),
    startsAt: isoTime,
    endsAt: isoTime,
  })
  .meta({ id: 'Silence' });
export type Silence = z.infer<typeof silence>;

type KnownSeverities = Record<(typeof SEVERITY_ORDER)[number], z.ZodNumber>;

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
    silences: z
      .array(silence)
      .meta({ description: 'the silences of silencedBy that Alertmanager listed: who made them, until when' }),
  })
  .meta({ id: 'Alert' });
export type Alert = z.infer<typeof alert>;

export const alerts = z
  .object({
    generatedAt: isoTime,
    alertmanager: z.enum(['merged', 'not_configured', 'unreachable']),
    counts: z.object({
      byState: z.object({ firing: z.number().int(), pending: z.number().int() }),
      bySeverity: z
        .object(Object.fromEntries(SEVERITY_ORDER.map((severity) => [severity, z.number().int()])) as KnownSeverities)
        .catchall(z.number().int())
        .meta({
          description: `${SEVERITY_ORDER.join(', ')} always, 0 when none; other severities and none when present`,
        }),
      total: z.number().int(),
    }),
    alerts: z.array(alert),
    truncated: truncation.optional().meta({ description: 'present when only the most important alerts are listed' }),
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
    filters: labelFilters,
    version: z.string(),
  })
  .meta({ id: 'TvConfig' });
export type TvConfig = z.infer<typeof tvConfig>;

/** `GET /api/v1/session`: whether access tokens are required, and whose token this request carried. */
export const session = z
  .object({
    authRequired: z.boolean().meta({ description: 'true when auth.tokens is configured' }),
    principal: z
      .object({ name: z.string(), role: z.enum(ROLES) })
      .nullable()
      .meta({ description: 'the token this request carried (header or cookie); null without a valid one' }),
  })
  .meta({ id: 'Session' });
export type Session = z.infer<typeof session>;

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

export const silenceMatcher = z.strictObject({
  name: z.string().regex(LABEL_NAME, 'must be a label name'),
  value: z.string().max(MAX_LABEL_VALUE_LENGTH),
  isRegex: z.boolean().default(false),
  isEqual: z.boolean().default(true),
});

/** `POST /api/v1/silences`: a silence from now for `duration`; its author is the token's name. */
export const silenceRequest = z
  .strictObject({
    matchers: z.array(silenceMatcher).min(1).max(SILENCE_LIMITS.maxMatchers),
    duration: z
      .string()
      .refine(
        (text) => {
          const ms = parseDuration(text);
          return ms !== undefined && ms >= SILENCE_LIMITS.minDurationMs && ms <= SILENCE_LIMITS.maxDurationMs;
        },
        `must be a duration from ${formatDuration(SILENCE_LIMITS.minDurationMs)} to ${formatDuration(SILENCE_LIMITS.maxDurationMs)}, such as 2h`,
      )
      .meta({ description: 'how long from now, in Prometheus duration syntax, e.g. 2h' }),
    comment: z.string().trim().min(1, 'must not be empty').max(SILENCE_LIMITS.maxCommentLength),
  })
  // Alertmanager refuses a silence that would match every alert; one plain label = value rules that out.
  .refine((request) => request.matchers.some((m) => m.isEqual && !m.isRegex && m.value !== ''), {
    message: 'needs at least one matcher of the form label = value, with a value',
    path: ['matchers'],
  })
  .meta({ id: 'SilenceRequest' });
export type SilenceRequest = z.input<typeof silenceRequest>;

export const silenceCreated = z.object({ id: z.string() }).meta({ id: 'SilenceCreated' });
export type SilenceCreated = z.infer<typeof silenceCreated>;
