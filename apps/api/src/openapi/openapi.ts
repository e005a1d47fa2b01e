import {
  alerts,
  displays,
  session,
  silenceCreated,
  silenceRequest,
  errorBody,
  headlineSeries,
  health,
  heartbeat,
  historyInfo,
  historySeries,
  prometheusError,
  prometheusSuccess,
  readiness,
  standardRecord,
  summary,
  targets,
  tvConfig,
} from '@promwall/core/schemas';
import { dashboard, dashboards, panelData } from '@promwall/core/dashboardSchemas';
import { STANDARD_COLUMNS } from '@promwall/core/history';
import { z } from 'zod';
import { ruleFor } from '../auth/auth.access.ts';
import { TOKEN_COOKIE } from '../auth/auth.guard.ts';
import { dashboardPath, panelPath, panelQuery } from '../dashboards/dashboards.routes.ts';
import { historyExportQuery, historyPath, historySeriesQuery } from '../history/history.routes.ts';
import { PROMETHEUS_API_MOUNT } from '../http/errors.ts';
import { noParams } from '../http/query.ts';
import { LABEL_NAME, PROXIED_PATHS } from '../proxy/allowlist.ts';
import { silencePath } from '../silences/silences.routes.ts';
import { seriesPath, seriesQuery, summaryQuery } from '../summary/summary.routes.ts';

/**
 * Promwall's OpenAPI 3.1 document, generated from the zod schemas the code uses: the answers'
 * in @promwall/core/schemas (each with an id, so a component) and the routes' query schemas.
 */

const COMPONENTS = '#/components/schemas/';

const summaryAnswer = z
  .union([summary, z.array(standardRecord)])
  .meta({ id: 'SummaryAnswer', description: 'the summary, or with format=standard a list of StandardRecord' });

/** Every schema with an id, converted together so that they refer to each other as components. */
function componentSchemas(): Record<string, object> {
  const { schemas } = z.toJSONSchema(z.globalRegistry, { uri: (id) => `${COMPONENTS}${id}` });
  // Each comes out as a document of its own; as a component it is part of this one.
  return Object.fromEntries(Object.entries(schemas).map(([id, { $schema: _, $id: __, ...schema }]) => [id, schema]));
}

function ref(schema: z.ZodType): { $ref: string } {
  const id = z.globalRegistry.get(schema)?.id;
  if (!id) throw new Error('an answer in the OpenAPI document needs a schema with an id');
  return { $ref: `${COMPONENTS}${id}` };
}

interface JsonSchemaObject {
  properties?: Record<string, { description?: string }>;
  required?: string[];
}

/** The parameters of a route's query-string or path schema, with their checks as JSON Schema. */
function parameters(where: 'query' | 'path', schema: z.ZodObject) {
  // The input side: what a client sends, before the route's transforms.
  const { properties = {}, required = [] } = z.toJSONSchema(schema, { io: 'input' }) as JsonSchemaObject;
  return Object.entries(properties).map(([name, { description, ...property }]) => ({
    name,
    in: where,
    required: where === 'path' || required.includes(name),
    ...(description ? { description } : {}),
    schema: property,
  }));
}

const json = (schema: z.ZodType, description: string) => ({
  description,
  content: { 'application/json': { schema: ref(schema) } },
});

const error = (description: string) => json(errorBody, description);

/** Answers several operations give, stated once as components. */
const sharedResponses = {
  HistoryNotConfigured: error('history is recorded only with a database: code history_not_configured'),
  DatabaseUnavailable: error('the database is unreachable or not ready yet: code database_unavailable'),
  BadRequest: error('bad input: an unknown, repeated or malformed parameter'),
  RateLimited: error('rate limit reached; Retry-After says when to try again'),
  Misdirected: error('the Host header names none of the names this Promwall answers for (server.allowedHosts)'),
  Overloaded: error('too many requests at once from this address, or queries to the upstream; Retry-After says when'),
  UpstreamFailed: error('the upstream failed or could not be reached'),
  UpstreamTimeout: error('the upstream did not answer in time'),
  PrometheusAnswer: json(prometheusSuccess, 'Prometheus’s answer, passed through unchanged'),
  PrometheusBadRequest: json(
    prometheusError,
    'Prometheus refused the query, or Promwall refused the request before forwarding it: a repeated or malformed parameter, a GET with a body (bad_data)',
  ),
  PrometheusExecution: json(prometheusError, 'Prometheus could not execute the query (execution)'),
  PrometheusUnavailable: json(
    prometheusError,
    'Prometheus timed out or was unavailable, or Promwall had too many requests or queries at once, with Retry-After (timeout, unavailable)',
  ),
  PassThroughMisdirected: json(
    prometheusError,
    'the Host header names none of the names this Promwall answers for (bad_data)',
  ),
  NotProxied: json(prometheusError, 'not a read-only Prometheus API path (not_found)'),
  MethodNotAllowed: json(prometheusError, 'a method this path does not allow (bad_data)'),
  PassThroughRateLimited: json(prometheusError, 'rate limit reached, with Retry-After (unavailable)'),
  PassThroughUnreachable: json(
    prometheusError,
    'the upstream could not be reached, or answered what no Prometheus answers: a redirect, another content type (unavailable)',
  ),
  PassThroughTimeout: json(prometheusError, 'the upstream did not answer in time (timeout)'),
  Unauthorized: error('access tokens are configured and the request carried no valid one'),
  Forbidden: error('the token’s role does not allow this'),
  PassThroughUnauthorized: json(prometheusError, 'access tokens are configured and the request carried no valid one'),
  PassThroughForbidden: json(prometheusError, 'the token’s role does not allow this'),
};

const shared = (name: keyof typeof sharedResponses) => ({ $ref: `#/components/responses/${name}` });

/** Refusals any API request may meet before its route runs (http/hostCheck.ts, the per-client cap, the rate limit). */
const refusals = {
  '421': shared('Misdirected'),
  '429': shared('RateLimited'),
  '503': shared('Overloaded'),
};

const upstreamErrors = {
  '400': shared('BadRequest'),
  ...refusals,
  '502': shared('UpstreamFailed'),
  '504': shared('UpstreamTimeout'),
};

const PROMETHEUS_API = 'https://prometheus.io/docs/prometheus/latest/querying/api/';

/** `var-<name>=<value>` for each of a board's variables: one parameter of the form style. */
const variablesParameter = {
  name: 'variables',
  in: 'query',
  style: 'form',
  explode: true,
  description:
    '`var-<name>=<value>` selects a value of the board’s variable <name>: the matcher label="value" is added to every selector of the panel’s parsed query (escaped, never spliced); an empty value selects every value',
  schema: { type: 'object', additionalProperties: { type: 'string', maxLength: 1024 } },
};

const labelValuesPath = z.strictObject({ name: z.string().regex(LABEL_NAME).meta({ description: 'a label name' }) });

/** One pass-through operation: every answer in Prometheus's envelope, Promwall's own refusals and failures too. */
function passThrough(path: string, method: string) {
  const operation = {
    operationId: `prom_${method.toLowerCase()}_${path.replace(/^\/api\/v1\//, '').replace(/\W+/g, '_')}`,
    summary: `Prometheus’s ${path}, read-only`,
    externalDocs: { url: PROMETHEUS_API },
    tags: ['Prometheus pass-through'],
    parameters: path.includes('{name}') ? parameters('path', labelValuesPath) : [],
    responses: {
      '200': shared('PrometheusAnswer'),
      '400': shared('PrometheusBadRequest'),
      '404': shared('NotProxied'),
      '405': shared('MethodNotAllowed'),
      '421': shared('PassThroughMisdirected'),
      '422': shared('PrometheusExecution'),
      '429': shared('PassThroughRateLimited'),
      '502': shared('PassThroughUnreachable'),
      '503': shared('PrometheusUnavailable'),
      '504': shared('PassThroughTimeout'),
    },
  };
  if (method !== 'POST') return operation;
  return {
    ...operation,
    requestBody: {
      required: true,
      description: 'the parameters as a URL-encoded form, for queries too long for a URL',
      content: { 'application/x-www-form-urlencoded': { schema: { type: 'object' } } },
    },
    responses: {
      ...operation.responses,
      '413': json(prometheusError, 'the form body is too large (bad_data)'),
      '415': json(prometheusError, 'not a URL-encoded form in UTF-8 (bad_data)'),
    },
  };
}

function passThroughPaths() {
  return Object.fromEntries(
    PROXIED_PATHS.map(([path, methods]) => [
      `/api/prom${path}`,
      Object.fromEntries(methods.map((method) => [method.toLowerCase(), passThrough(path, method)])),
    ]),
  );
}

interface Operation {
  description?: string;
  responses: Record<string, unknown>;
}

/**
 * Each operation's access, from the one access table (auth/auth.access.ts): the role it needs
 * when access tokens are configured, and its 401 and 403 answers.
 */
function withAccess<P extends Record<string, Record<string, Operation>>>(paths: P): P {
  return Object.fromEntries(
    Object.entries(paths).map(([path, operations]) => [
      path,
      Object.fromEntries(
        Object.entries(operations).map(([method, operation]) => {
          const rule = ruleFor(method, path.replace(/\{(\w+)\}/g, ':$1'));
          if (!rule) throw new Error(`${method.toUpperCase()} ${path} is missing from the access table`);
          if (rule.access === 'public' && !rule.publicWith) return [method, { ...operation, security: [] }];
          const open = rule.publicWith ? ` (no token with auth.${rule.publicWith}: true)` : '';
          const passThrough = path.startsWith(`${PROMETHEUS_API_MOUNT}/`);
          return [
            method,
            {
              ...operation,
              description: `Needs a ${rule.access} token when access tokens are configured${open}.`,
              'x-promwall-role': rule.access,
              security: [{ bearer: [] }, { cookie: [] }],
              responses: {
                ...operation.responses,
                '401': shared(passThrough ? 'PassThroughUnauthorized' : 'Unauthorized'),
                '403': operation.responses['403'] ?? shared(passThrough ? 'PassThroughForbidden' : 'Forbidden'),
              },
            },
          ];
        }),
      ),
    ]),
  ) as P;
}

/** The document served at /api/v1/openapi.json. */
export function openApiDocument(version: string) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Promwall API',
      version,
      description:
        'Headline metrics, targets and alerts from a Prometheus-compatible server, a read-only PromQL pass-through, and the headline metrics’ history when a database is configured. Every error Promwall answers itself is an Error, but under /api/prom, where every error, Prometheus’s or Promwall’s, is in Prometheus’s envelope so that its clients show the message.',
    },
    paths: withAccess({
      '/api/v1/summary': {
        get: {
          operationId: 'getSummary',
          summary: 'The five headline metrics',
          parameters: parameters('query', summaryQuery),
          responses: { '200': json(summaryAnswer, 'the summary'), ...upstreamErrors },
        },
      },
      '/api/v1/summary/{metric}': {
        get: {
          operationId: 'getHeadlineSeries',
          summary: 'One headline metric as a time series for charts',
          parameters: [...parameters('path', seriesPath), ...parameters('query', seriesQuery)],
          responses: {
            '200': json(headlineSeries, 'the series'),
            '404': error('no such headline metric'),
            ...upstreamErrors,
          },
        },
      },
      '/api/v1/targets': {
        get: {
          operationId: 'getTargets',
          summary: 'Every active scrape target, with counts by health',
          parameters: parameters('query', noParams),
          responses: { '200': json(targets, 'the targets'), ...upstreamErrors },
        },
      },
      '/api/v1/alerts': {
        get: {
          operationId: 'getAlerts',
          summary: 'Firing and pending alerts, merged with Alertmanager’s silences and inhibitions when configured',
          parameters: parameters('query', noParams),
          responses: { '200': json(alerts, 'the alerts'), ...upstreamErrors },
        },
      },
      '/api/v1/dashboards': {
        get: {
          operationId: 'getDashboards',
          summary: 'The boards of the dashboards folder: id, title, panels, variables and load errors',
          parameters: parameters('query', noParams),
          responses: {
            '200': json(dashboards, 'the boards'),
            '400': shared('BadRequest'),
            '429': shared('RateLimited'),
          },
        },
      },
      '/api/v1/dashboards/{id}': {
        get: {
          operationId: 'getDashboard',
          summary: 'One board as written, with its variables’ values from Prometheus',
          parameters: [...parameters('path', dashboardPath), variablesParameter],
          responses: {
            '200': json(dashboard, 'the board; `definition` is null when its file never loaded'),
            '400': error('an unknown parameter or variable, or a malformed value'),
            '404': error('no such board'),
            '429': shared('RateLimited'),
          },
        },
      },
      '/api/v1/dashboards/{id}/panels/{panel}': {
        get: {
          operationId: 'getPanelData',
          summary: 'One panel’s data, through the same coalescing cache and limits as the summary',
          parameters: [...parameters('path', panelPath), ...parameters('query', panelQuery), variablesParameter],
          responses: {
            '200': json(panelData, 'the panel’s data, by panel type'),
            '404': error('no such board or panel'),
            ...upstreamErrors,
          },
        },
      },
      '/api/v1/tv/config': {
        get: {
          operationId: 'getTvConfig',
          summary: 'The TV wall settings of the configuration, with the refresh floor',
          parameters: parameters('query', noParams),
          responses: {
            '200': json(tvConfig, 'the settings'),
            '400': shared('BadRequest'),
            ...refusals,
          },
        },
      },
      '/api/v1/displays/heartbeat': {
        post: {
          operationId: 'postHeartbeat',
          summary: 'A TV wall reports that it is alive',
          requestBody: { required: true, content: { 'application/json': { schema: ref(heartbeat) } } },
          responses: {
            '204': { description: 'recorded' },
            '400': error('a malformed heartbeat'),
            '413': error('a body too large'),
            '409': error('a wall reporting from another address has this id'),
            '415': error('not JSON'),
            ...refusals,
            '429': error('rate limit reached, or this address reports as many walls as it may; see Retry-After'),
            '503': error('too many requests at once, or the list is full of walls that report; see Retry-After'),
          },
        },
      },
      '/api/v1/displays': {
        get: {
          operationId: 'getDisplays',
          summary: 'The TV walls that reported a heartbeat, with last-seen time, version and whether they are alive',
          parameters: parameters('query', noParams),
          responses: {
            '200': json(displays, 'the displays'),
            '400': shared('BadRequest'),
            ...refusals,
          },
        },
      },
      '/api/v1/history': {
        get: {
          operationId: 'getHistoryInfo',
          summary: 'What history holds: interval, retention, resolutions, the stored range, instances per metric',
          parameters: parameters('query', noParams),
          responses: {
            '200': json(historyInfo, 'the history'),
            '400': shared('BadRequest'),
            '404': shared('HistoryNotConfigured'),
            '429': shared('RateLimited'),
            '503': shared('DatabaseUnavailable'),
          },
        },
      },
      '/api/v1/history/{metric}': {
        get: {
          operationId: 'getHistorySeries',
          summary: 'One headline metric’s stored history: raw rounds, or means over 5m, 1h or 1d buckets',
          parameters: [...parameters('path', historyPath), ...parameters('query', historySeriesQuery)],
          responses: {
            '200': json(historySeries, 'the points; a longer distance than stepSeconds between two is a gap'),
            '400': error(
              'an unknown metric, a bad or reversed time, an unknown or repeated parameter, or more than 11,000 points',
            ),
            '404': shared('HistoryNotConfigured'),
            '429': shared('RateLimited'),
            '503': shared('DatabaseUnavailable'),
          },
        },
      },
      '/api/v1/history/export': {
        get: {
          operationId: 'exportHistory',
          summary: 'The stored rows in the standard format, streamed as CSV or as a JSON array',
          parameters: parameters('query', historyExportQuery),
          responses: {
            '200': {
              description: `the rows; CSV with the header ${STANDARD_COLUMNS.join(',')}`,
              content: {
                'text/csv': { schema: { type: 'string' } },
                'application/json': { schema: { type: 'array', items: ref(standardRecord) } },
              },
            },
            '400': error('an unknown metric or format, a bad or reversed time, an unknown or repeated parameter'),
            '404': shared('HistoryNotConfigured'),
            '429': error('rate limit reached, or two exports already running'),
            '503': shared('DatabaseUnavailable'),
          },
        },
      },
      '/api/v1/session': {
        get: {
          operationId: 'getSession',
          summary: 'Whether access tokens are required, and whose token this request carried',
          parameters: parameters('query', noParams),
          responses: { '200': json(session, 'the session'), '400': shared('BadRequest'), '429': shared('RateLimited') },
        },
        post: {
          operationId: 'signIn',
          summary: `Sign in: the Bearer token of this request becomes the ${TOKEN_COOKIE} cookie (HttpOnly, SameSite=Strict)`,
          responses: {
            '204': { description: 'signed in: the cookie is set' },
            '400': error('access tokens are not configured'),
            '401': shared('Unauthorized'),
            '429': shared('RateLimited'),
          },
        },
        delete: {
          operationId: 'signOut',
          summary: `Sign out: the ${TOKEN_COOKIE} cookie is cleared`,
          responses: { '204': { description: 'signed out' }, '429': shared('RateLimited') },
        },
      },
      '/api/v1/silences': {
        post: {
          operationId: 'createSilence',
          summary: 'Silence alerts in Alertmanager from now for a duration, in the name of the admin token',
          requestBody: { required: true, content: { 'application/json': { schema: ref(silenceRequest) } } },
          responses: {
            '201': json(silenceCreated, 'created'),
            '400': error('a malformed silence, or one Alertmanager refused'),
            '403': error('the token’s role does not allow this, or no access tokens are configured'),
            '404': error('no Alertmanager is configured'),
            '415': error('not JSON'),
            '429': shared('RateLimited'),
            '502': shared('UpstreamFailed'),
            '504': shared('UpstreamTimeout'),
          },
        },
      },
      '/api/v1/silences/{id}': {
        delete: {
          operationId: 'expireSilence',
          summary: 'Expire a silence in Alertmanager now',
          parameters: parameters('path', silencePath),
          responses: {
            '204': { description: 'expired' },
            '400': error('not a silence id'),
            '403': error('the token’s role does not allow this, or no access tokens are configured'),
            '404': error('no such silence, or no Alertmanager is configured'),
            '429': shared('RateLimited'),
            '502': shared('UpstreamFailed'),
            '504': shared('UpstreamTimeout'),
          },
        },
      },
      '/api/v1/openapi.json': {
        get: {
          operationId: 'getOpenApiDocument',
          summary: 'This document',
          responses: { '200': { description: 'the OpenAPI 3.1 document', content: { 'application/json': {} } } },
        },
      },
      ...passThroughPaths(),
      '/healthz': {
        get: {
          operationId: 'getHealth',
          summary: 'Liveness: the process serves HTTP',
          responses: { '200': json(health, 'alive') },
        },
      },
      '/readyz': {
        get: {
          operationId: 'getReadiness',
          summary: 'Readiness: the upstream evaluates a query',
          responses: { '200': json(readiness, 'ready'), '503': error('the upstream does not answer') },
        },
      },
      '/metrics': {
        get: {
          operationId: 'getMetrics',
          summary: 'Promwall’s own metrics, in Prometheus’s text format',
          responses: { '200': { description: 'metrics', content: { 'text/plain': { schema: { type: 'string' } } } } },
        },
      },
    }),
    components: {
      schemas: componentSchemas(),
      responses: sharedResponses,
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'an access token of auth.tokens (`npm run token` makes one)',
        },
        cookie: {
          type: 'apiKey',
          in: 'cookie',
          name: TOKEN_COOKIE,
          description: 'the cookie a sign-in or a ?token= page link leaves',
        },
      },
    },
  };
}
