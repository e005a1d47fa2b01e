import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken, newToken } from '../src/auth/auth.tokens.ts';
import { startApi, type RunningApi } from './support/api.ts';

// Promwall's credentials for its upstreams go to the configured address and nowhere else: an
// upstream that answers every request with a redirect to another port gets them (it is the one
// configured), and the other port never hears from anyone, Promwall or its clients.

interface Recorder {
  url: string;
  received: { method: string; url: string; authorization: string | undefined }[];
  close(): Promise<void>;
}

async function recorder(answer: (res: http.ServerResponse) => void): Promise<Recorder> {
  const received: Recorder['received'] = [];
  const server = http.createServer((req, res) => {
    received.push({ method: req.method!, url: req.url!, authorization: req.headers.authorization });
    req.resume();
    req.on('end', () => answer(res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const PROMETHEUS_TOKEN = 'prometheus-s3cret';
const ALERTMANAGER_PASSWORD = 'alertmanager-s3cret';
const admin = newToken();
let elsewhere: Recorder;
let upstream: Recorder;
let api: RunningApi;

beforeAll(async () => {
  elsewhere = await recorder((res) => res.end('{"status":"success","data":{"resultType":"vector","result":[]}}'));
  upstream = await recorder((res) => {
    res.writeHead(302, { Location: `${elsewhere.url}/api/v1/query?query=up` });
    res.end();
  });
  const dir = mkdtempSync(path.join(tmpdir(), 'promwall-redirects-'));
  const file = path.join(dir, 'promwall.yml');
  writeFileSync(
    file,
    [
      `prometheus: { url: "${upstream.url}", bearerToken: ${PROMETHEUS_TOKEN} }`,
      `alertmanager: { url: "${upstream.url}", basicAuth: { username: promwall, password: ${ALERTMANAGER_PASSWORD} } }`,
      `auth: { tokens: [{ name: ops-alice, role: admin, hash: "${hashToken(admin)}" }] }`,
      '',
    ].join('\n'),
  );
  api = await startApi({ PROMWALL_CONFIG: file, PROMWALL_CACHE_TTL: '1s' });
});

afterAll(async () => {
  await api?.close();
  await upstream?.close();
  await elsewhere?.close();
});

const bearer = { Authorization: `Bearer ${admin}` };

describe('an upstream that redirects', () => {
  it.each([
    ['/api/v1/summary', undefined],
    ['/api/v1/summary/cpu?range=1h', undefined],
    ['/api/v1/targets', undefined],
    ['/api/v1/alerts', undefined],
    ['/api/prom/api/v1/query?query=up', undefined],
    [
      '/api/prom/api/v1/query',
      { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'query=up' },
    ],
    [
      '/api/v1/silences',
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ matchers: [{ name: 'alertname', value: 'X' }], duration: '1h', comment: 'test' }),
      },
    ],
    ['/api/v1/silences/6f1c2a3e-8d4b-4e5f-9a7b-0c1d2e3f4a5b', { method: 'DELETE' }],
  ] as [string, (RequestInit & { headers?: Record<string, string> }) | undefined][])(
    'is answered 502 for %s, and not followed',
    async (pathAndQuery, init) => {
      // fetch follows redirects by default: a 3xx passed on would take this client elsewhere.
      const res = await api.get(pathAndQuery, { ...init, headers: { ...bearer, ...init?.headers } });

      expect(res.status).toBe(502);
      expect(res.headers.get('location')).toBeNull();
      expect(JSON.stringify(res.body)).toMatch(/redirect \(302\), which Promwall does not follow/);
    },
  );

  it('received the configured credentials; the address it named received nothing at all', () => {
    const paths = upstream.received.map((request) => request.url.split('?')[0]);
    expect(paths).toEqual(
      expect.arrayContaining(['/api/v1/query', '/api/v1/query_range', '/api/v1/targets', '/api/v1/alerts']),
    );
    expect(paths).toEqual(
      expect.arrayContaining(['/api/v2/silences', '/api/v2/silence/6f1c2a3e-8d4b-4e5f-9a7b-0c1d2e3f4a5b']),
    );
    const basic = `Basic ${Buffer.from(`promwall:${ALERTMANAGER_PASSWORD}`).toString('base64')}`;
    for (const request of upstream.received) {
      expect(request.authorization).toBe(request.url.startsWith('/api/v2/') ? basic : `Bearer ${PROMETHEUS_TOKEN}`);
    }
    expect(elsewhere.received).toEqual([]);
  });
});
