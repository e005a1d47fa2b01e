import { headlineKeys } from '@promwall/core/headline';
import {
  alerts,
  displays,
  errorBody,
  headlineSeries,
  heartbeat,
  standardRecord,
  summary,
  targets,
  tvConfig,
} from '@promwall/core/schemas';
import { dashboard, dashboards, panelData } from '@promwall/core/dashboardSchemas';
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

const seriesWindow = [
  param('range', 'how far back, as a Prometheus duration (default 1h, or the board’s range)', {
    type: 'string',
    example: '6h',
  }),
  param('step', 'resolution, as a duration; chosen from range and points when absent', {
    type: 'string',
    example: '30s',
  }),
  param('points', 'the most points a series may have (the chart’s width in pixels; default 300)', {
    type: 'integer',
    minimum: 2,
    maximum: 11000,
  }),
  param('end', 'end of the range, RFC 3339 or Unix seconds (default: now)', {
    type: 'string',
    example: '2026-11-21T12:00:00Z',
  }),
];

const dashboardId = param('id', 'the board’s id: its file name without .yml', { type: 'string' }, true, 'path');

/** `var-<name>=<value>` for each of the board's variables, as one free-form object. */
const variables = {
  name: 'variables',
  in: 'query',
  style: 'form',
  explode: true,
  description:
    '`var-<name>=<value>` selects a value of the board’s variable <name>, added to every selector of the panel’s query as the matcher label="value" (escaped, never spliced); an empty value selects every value',
  schema: { type: 'object', additionalProperties: { type: 'string', maxLength: 1024 } },
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
        'Headline metrics, targets and alerts from a Prometheus-compatible server, and a read-only PromQL proxy.',
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
            ...seriesWindow,
            param('by', '`instance` for one series per instance', { type: 'string', enum: ['total', 'instance'] }),
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
      '/api/v1/dashboards': {
        get: {
          summary: 'The boards of the dashboards folder: id, title, panels, variables and load errors',
          responses: { '200': json(dashboards, 'the boards'), '400': error('any parameter') },
        },
      },
      '/api/v1/dashboards/{id}': {
        get: {
          summary: 'One board as written, with its variables’ values from Prometheus',
          parameters: [dashboardId, variables],
          responses: {
            '200': json(dashboard, 'the board; `definition` is null when the file never loaded'),
            '400': error('an unknown parameter or variable, or a malformed value'),
            '404': error('no such board'),
          },
        },
      },
      '/api/v1/dashboards/{id}/panels/{panel}': {
        get: {
          summary: 'One panel’s data, through the same cache and limits as the summary',
          parameters: [
            dashboardId,
            param('panel', 'the panel’s id in the file', { type: 'string' }, true, 'path'),
            ...seriesWindow,
            variables,
          ],
          responses: {
            '200': json(panelData, 'the panel’s data, by panel type'),
            '404': error('no such board or panel'),
            ...upstreamErrors,
          },
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
