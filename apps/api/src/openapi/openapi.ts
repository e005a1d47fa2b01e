import { headlineKeys } from '@promwall/core/headline';
import { HISTORY_RESOLUTIONS, STANDARD_COLUMNS } from '@promwall/core/history';
import {
  alerts,
  displays,
  errorBody,
  headlineSeries,
  heartbeat,
  historyInfo,
  historySeries,
  standardRecord,
  summary,
  targets,
  tvConfig,
} from '@promwall/core/schemas';
import { z } from 'zod';

type Schema = z.ZodType;

const json = (schema: Schema, description: string) => ({
  description,
  content: {
    'application/json': { schema: z.toJSONSchema(schema, { target: 'openapi-3.0', unrepresentable: 'any' }) },
  },
});

const error = (description: string) => json(errorBody, description);

const param = (
  name: string,
  description: string,
  schema: object,
  required = false,
  where: 'query' | 'path' = 'query',
) => ({
  name,
  in: where,
  required,
  description,
  schema,
});

const filters = [
  param('job', 'only series whose job label is exactly this value (escaped, never spliced into PromQL)', {
    type: 'string',
    maxLength: 1024,
  }),
  param('instance', 'only series whose instance label is exactly this value', { type: 'string', maxLength: 1024 }),
];

const timeParam = (name: string, description: string) =>
  param(name, `${description}, RFC 3339 or Unix seconds`, { type: 'string', example: '2026-11-01T00:00:00Z' });

const historyErrors = {
  '404': error('history is not configured (no database): code history_not_configured'),
  '429': error('rate limit reached, or too many exports at once'),
  '503': error('the database is unreachable or not ready: code database_unavailable'),
};

const upstreamErrors = {
  '400': error('bad input: unknown, repeated or malformed parameter'),
  '429': error('rate limit reached'),
  '502': error('the upstream failed or refused the query'),
  '504': error('the upstream did not answer in time'),
};

/** Promwall's OpenAPI document, built from the same zod schemas the code answers with. */
export function openApiDocument(version: string): object {
  return {
    openapi: '3.0.3',
    info: {
      title: 'Promwall API',
      version,
      description:
        'Headline metrics, targets and alerts from a Prometheus-compatible server, a read-only PromQL proxy, and the headline metrics’ history when a database is configured.',
    },
    paths: {
      '/api/v1/summary': {
        get: {
          summary: 'The five headline metrics',
          parameters: [
            ...filters,
            param('format', '`standard` for the flat standard-format records', {
              type: 'string',
              enum: ['json', 'standard'],
            }),
          ],
          responses: {
            '200': {
              description: 'the summary (or, with format=standard, a list of StandardRecord)',
              content: {
                'application/json': {
                  schema: z.toJSONSchema(z.union([summary, z.array(standardRecord)]), { target: 'openapi-3.0' }),
                },
              },
            },
            ...upstreamErrors,
          },
        },
      },
      '/api/v1/summary/{metric}': {
        get: {
          summary: 'One headline metric as a time series for charts',
          parameters: [
            param('metric', 'the headline metric', { type: 'string', enum: [...headlineKeys] }, true, 'path'),
            param('range', 'how far back, as a Prometheus duration (default 1h)', { type: 'string', example: '6h' }),
            param('step', 'resolution, as a duration; chosen from range and points when absent', {
              type: 'string',
              example: '30s',
            }),
            param('points', 'the most points a series may have (the chart’s width in pixels; default 300)', {
              type: 'integer',
              minimum: 2,
              maximum: 11000,
            }),
            param('by', '`instance` for one series per instance', { type: 'string', enum: ['total', 'instance'] }),
            param('end', 'end of the range, RFC 3339 or Unix seconds (default: now)', {
              type: 'string',
              example: '2026-11-21T12:00:00Z',
            }),
            ...filters,
          ],
          responses: {
            '200': json(headlineSeries, 'the series'),
            '404': error('no such headline metric'),
            ...upstreamErrors,
          },
        },
      },
      '/api/v1/targets': {
        get: {
          summary: 'Every active scrape target, with counts by health',
          responses: { '200': json(targets, 'the targets'), ...upstreamErrors },
        },
      },
      '/api/v1/alerts': {
        get: {
          summary: 'Firing and pending alerts, merged with Alertmanager’s silences and inhibitions when configured',
          responses: { '200': json(alerts, 'the alerts'), ...upstreamErrors },
        },
      },
      '/api/prom/api/v1/{endpoint}': {
        get: {
          summary: 'Read-only pass-through of the Prometheus HTTP API',
          description:
            'Allowed: query, query_range, series, labels, label/{name}/values, metadata, targets, rules, alerts, status/buildinfo, query_exemplars, format_query, parse_query (POST form bodies where Prometheus accepts them). Everything else is refused.',
          parameters: [param('endpoint', 'an allowed Prometheus API path', { type: 'string' }, true, 'path')],
          responses: {
            '200': { description: 'Prometheus’s own answer' },
            '404': error('not an allowed path'),
            '502': error('upstream unreachable'),
            '504': error('upstream timeout'),
          },
        },
      },
      '/api/v1/tv/config': {
        get: {
          summary:
            'The TV wall settings from the configuration: title, refresh and its server floor, tiles, panels, rotation, daily reload',
          responses: { '200': json(tvConfig, 'the settings') },
        },
      },
      '/api/v1/displays/heartbeat': {
        post: {
          summary: 'A TV wall reports that it is alive',
          requestBody: {
            required: true,
            content: { 'application/json': { schema: z.toJSONSchema(heartbeat, { target: 'openapi-3.0' }) } },
          },
          responses: {
            '204': { description: 'recorded' },
            '400': error('malformed heartbeat'),
            '415': error('not JSON'),
          },
        },
      },
      '/api/v1/displays': {
        get: {
          summary: 'The TV walls that reported a heartbeat, with last-seen time, version and whether they are alive',
          responses: { '200': json(displays, 'the displays') },
        },
      },
      '/api/v1/history': {
        get: {
          summary: 'What history holds: interval, retention, resolutions, the stored range and instances per metric',
          responses: { '200': json(historyInfo, 'the history'), ...historyErrors },
        },
      },
      '/api/v1/history/{metric}': {
        get: {
          summary: 'One headline metric’s stored history: raw rounds, or averages over 5m, 1h or 1d (UTC) buckets',
          parameters: [
            param('metric', 'the headline metric', { type: 'string', enum: [...headlineKeys] }, true, 'path'),
            timeParam('from', 'start of the range (default: 30 days before `to`)'),
            timeParam('to', 'end of the range, included (default: now)'),
            param('instance', 'one instance’s figures; the headline figure itself when absent', {
              type: 'string',
              maxLength: 1024,
            }),
            param('resolution', 'the finest that fits in 11,000 points when absent', {
              type: 'string',
              enum: [...HISTORY_RESOLUTIONS],
            }),
          ],
          responses: {
            '200': json(historySeries, 'the points; a gap in time is a gap in the data'),
            '400': error(
              'unknown metric, bad or reversed times, unknown or repeated parameter, or more than 11,000 points',
            ),
            ...historyErrors,
          },
        },
      },
      '/api/v1/history/export': {
        get: {
          summary: 'The stored rows in the standard format, streamed as CSV or as a JSON array',
          parameters: [
            param('format', 'csv (default) or json', { type: 'string', enum: ['csv', 'json'] }),
            timeParam('from', 'start of the range (default: everything stored)'),
            timeParam('to', 'end of the range, included (default: now)'),
            param('metric', 'one headline metric (default: all)', { type: 'string', enum: [...headlineKeys] }),
          ],
          responses: {
            '200': {
              description: `the rows; CSV with the header ${STANDARD_COLUMNS.join(',')}, JSON as an array of StandardRecord`,
              content: {
                'text/csv': { schema: { type: 'string' } },
                'application/json': {
                  schema: z.toJSONSchema(z.array(standardRecord), { target: 'openapi-3.0' }),
                },
              },
            },
            '400': error('bad or reversed times, unknown metric or format, unknown or repeated parameter'),
            ...historyErrors,
          },
        },
      },
      '/healthz': { get: { summary: 'Liveness', responses: { '200': { description: 'the process serves HTTP' } } } },
      '/readyz': {
        get: {
          summary: 'Readiness: the upstream answers',
          responses: { '200': { description: 'ready' }, '503': error('the upstream does not answer') },
        },
      },
      '/metrics': {
        get: {
          summary: 'Promwall’s own metrics, Prometheus text format',
          responses: { '200': { description: 'metrics' } },
        },
      },
    },
  };
}
