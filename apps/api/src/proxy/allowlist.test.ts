import { describe, expect, it } from 'vitest';
import { decideRoute } from './allowlist.ts';

const FORM_ENDPOINTS = [
  '/api/v1/query',
  '/api/v1/query_range',
  '/api/v1/series',
  '/api/v1/labels',
  '/api/v1/query_exemplars',
  '/api/v1/format_query',
  '/api/v1/parse_query',
];
const GET_ENDPOINTS = [
  '/api/v1/metadata',
  '/api/v1/targets',
  '/api/v1/rules',
  '/api/v1/alerts',
  '/api/v1/status/buildinfo',
  '/api/v1/label/job/values',
  '/api/v1/label/__name__/values',
  '/api/v1/label/_private9/values',
  // Prometheus 3's escaping of the UTF-8 label name "my.label".
  '/api/v1/label/U__my_2e_label/values',
];

describe('decideRoute', () => {
  it.each(FORM_ENDPOINTS.flatMap((path) => [['GET', path] as const, ['POST', path] as const]))(
    'allows %s %s',
    (method, path) => {
      expect(decideRoute(method, path)).toEqual({ allowed: true, path });
    },
  );

  it.each(GET_ENDPOINTS)('allows GET %s', (path) => {
    expect(decideRoute('GET', path)).toEqual({ allowed: true, path });
  });

  it.each(GET_ENDPOINTS)('answers POST %s with 405, allowing GET', (path) => {
    expect(decideRoute('POST', path)).toEqual({ allowed: false, status: 405, reason: 'method', allow: ['GET'] });
  });

  it.each(['PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS', 'get', 'post'])(
    'answers %s on /api/v1/query with 405',
    (method) => {
      expect(decideRoute(method, '/api/v1/query')).toEqual({
        allowed: false,
        status: 405,
        reason: 'method',
        allow: ['GET', 'POST'],
      });
    },
  );

  it.each([
    // What the pass-through exists to keep out.
    '/api/v1/admin/tsdb/snapshot',
    '/api/v1/admin/tsdb/delete_series',
    '/api/v1/admin/tsdb/clean_tombstones',
    '/api/v1/write',
    '/api/v1/otlp/v1/metrics',
    '/api/v1/status/config',
    '/api/v1/status/flags',
    '/api/v1/status/runtimeinfo',
    '/api/v1/status/tsdb',
    '/api/v1/status/walreplay',
    '/api/v1/targets/metadata',
    '/api/v1/notifications/live',
    '/api/v1/alertmanagers',
    '/api/v1/read',
    '/-/reload',
    '/-/quit',
    '/-/healthy',
    '/-/ready',
    '/federate',
    '/metrics',
    '/graph',
    '/debug/pprof/heap',
    // Not exactly a listed path.
    '',
    '/',
    '/api/v1',
    '/api/v1/',
    '/api/v1/query/',
    '/api/v1/query/x',
    '/api/v1/queryx',
    '/API/v1/query',
    '/api/V1/query',
    '/api/v1/Query',
    '/api/v2/query',
    '//api/v1/query',
    '/api//v1/query',
    '/api/v1//query',
    '/api/v1/./query',
    '/./api/v1/query',
    '/api/v1/../v1/query',
    '/api/v1/../v1/admin/tsdb/snapshot',
    '/api/v1/query/../admin/tsdb/snapshot',
    '/api/v1/query;x=1',
    '/api/v1/query#',
    'api/v1/query',
    'http://prometheus:9090/api/v1/query',
    '/api/v1/label//values',
    '/api/v1/label/job/values/',
    '/api/v1/label/job',
    '/api/v1/label/9job/values',
    '/api/v1/label/job.name/values',
    '/api/v1/label/job-name/values',
    '/api/v1/label/../../admin/tsdb/snapshot/values',
    '/api/v1/label/job/../../admin/tsdb/snapshot',
  ])('refuses unlisted path %j with 404', (path) => {
    for (const method of ['GET', 'POST', 'PUT', 'DELETE']) {
      expect(decideRoute(method, path)).toEqual({ allowed: false, status: 404, reason: 'path' });
    }
  });

  it.each([
    '/api/v1/%71uery',
    '/api/v1/query%2f',
    '/api/v1%2fquery',
    '/api/v1/%2e%2e/v1/admin/tsdb/snapshot',
    '/api/v1/query/%2e%2e/admin/tsdb/delete_series',
    '/api/v1/%252e%252e/admin/tsdb/snapshot',
    '/api%2Fv1%2Fadmin%2Ftsdb%2Fsnapshot',
    '/api/v1/label/%6aob/values',
    '/api/v1/label/job%2F..%2F..%2Fadmin/values',
    '/api/v1/query%00',
    '/api/v1/query%20',
    '/%2d/quit',
    '/api\\v1\\query',
    '/api/v1/query\\',
    '/api/v1\\..\\v1\\admin\\tsdb\\snapshot',
  ])('refuses the encoded path %j with 404 without decoding it', (path) => {
    expect(decideRoute('GET', path)).toEqual({ allowed: false, status: 404, reason: 'encoding' });
  });
});
