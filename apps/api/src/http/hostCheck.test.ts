import http from 'node:http';
import { Socket, type AddressInfo } from 'node:net';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { createMetrics } from '../metrics/metrics.ts';

interface Reply {
  status: number;
  body: string;
}

/** Sends raw bytes, so that Host headers go out exactly as written, repeated or absent. */
function raw(port: number, request: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const socket = new Socket();
    let data = '';
    socket.connect(port, '127.0.0.1', () => socket.end(request));
    socket.on('data', (chunk) => (data += chunk.toString()));
    socket.on('error', reject);
    socket.on('close', () => {
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 0);
      resolve({ status, body: data.slice(data.indexOf('\r\n\r\n') + 4) });
    });
  });
}

async function serve(env: Record<string, string>) {
  const metrics = createMetrics();
  const config = loadConfig({ PROMETHEUS_URL: 'http://127.0.0.1:9', ...env }, '/nonexistent');
  const server = http.createServer(createApp({ config, logger: pino({ level: 'silent' }), metrics }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, metrics, port: (server.address() as AddressInfo).port };
}

const get = (path: string, ...headers: string[]) =>
  `GET ${path} HTTP/1.1\r\n${headers.map((header) => `${header}\r\n`).join('')}Connection: close\r\n\r\n`;

describe('the Host check, listening on loopback with the default names', () => {
  let running: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    running = await serve({});
  });
  afterAll(() => running.server.close());

  it.each([
    'Host: 127.0.0.1',
    'Host: 127.0.0.1:8470',
    'Host: localhost:8470',
    'Host: LOCALHOST.',
    'Host: wall.localhost:8470',
    'Host: [::1]:8470',
  ])('answers a request with %s', async (host) => {
    const reply = await raw(running.port, get('/api/v1/tv/config', host));

    expect(reply.status).toBe(200);
  });

  it.each([
    'Host: rebind.attacker.example',
    'Host: rebind.attacker.example:8470',
    'Host: 127.0.0.1.attacker.example',
    'Host: localhost.attacker.example',
    'Host: 10.0.0.5:8470',
    'Host: [::2]',
    'Host: ',
  ])('answers a request with %s with a JSON 421, before anything else', async (host) => {
    for (const path of ['/api/v1/targets', '/', '/api/v1/displays', '/nowhere']) {
      const reply = await raw(running.port, get(path, host));

      expect(reply.status, path).toBe(421);
      expect(JSON.parse(reply.body)).toEqual({ error: { code: 'misdirected_request', message: expect.any(String) } });
    }
  });

  it('answers a pass-through request on another name with a 421 in Prometheus’s error envelope', async () => {
    const reply = await raw(running.port, get('/api/prom/api/v1/query?query=up', 'Host: rebind.attacker.example'));

    expect(reply.status).toBe(421);
    expect(JSON.parse(reply.body)).toEqual({
      status: 'error',
      errorType: 'bad_data',
      error: expect.stringContaining('server.allowedHosts'),
    });
  });

  it('refuses a request with two Host headers with a JSON 400', async () => {
    const reply = await raw(running.port, get('/api/v1/tv/config', 'Host: 127.0.0.1', 'Host: rebind.attacker.example'));

    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.body).error.message).toMatch(/Host/);
  });

  it('refuses an absolute request target naming another host', async () => {
    const reply = await raw(running.port, get('http://rebind.attacker.example/api/v1/targets', 'Host: 127.0.0.1'));

    expect(reply.status).toBe(400);
  });

  it('answers liveness and readiness probes whatever their Host', async () => {
    const reply = await raw(running.port, get('/healthz', 'Host: 10.1.2.3:8470'));

    expect(reply.status).toBe(200);
  });

  it('counts refusals in /metrics by reason', async () => {
    await raw(running.port, get('/api/v1/targets', 'Host: evil.example'));

    const text = await running.metrics.registry.getSingleMetricAsString('promwall_rejected_requests_total');
    expect(text).toMatch(/reason="host"} [1-9]/);
    expect(text).toMatch(/reason="duplicate_host"} 1/);
  });
});

describe('the Host check under a base path', () => {
  let running: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    running = await serve({ PROMWALL_BASE_PATH: '/promwall' });
  });
  afterAll(() => running.server.close());

  it.each(['/', '/promwall', '/promwall/', '/promwall/api/v1/targets', '/elsewhere', '/healthz'])(
    'answers %s on another name with a JSON 421, not a redirect or a 404',
    async (path) => {
      const reply = await raw(running.port, get(path, 'Host: rebind.attacker.example'));

      expect(reply.status).toBe(421);
      expect(JSON.parse(reply.body)).toMatchObject({ error: { code: 'misdirected_request' } });
    },
  );

  it('answers the probes under the base path whatever their Host', async () => {
    for (const path of ['/promwall/healthz', '/promwall/readyz']) {
      const reply = await raw(running.port, get(path, 'Host: 10.1.2.3:8470'));

      expect(reply.status, path).not.toBe(421);
    }
  });

  it('redirects to the app on a loopback name', async () => {
    expect((await raw(running.port, get('/', 'Host: localhost:8470'))).status).toBe(302);
  });
});

describe('the Host check with server.allowedHosts', () => {
  let running: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    running = await serve({ HOST: '0.0.0.0', PROMWALL_ALLOWED_HOSTS: 'promwall.example.com,*.walls.example.com' });
  });
  afterAll(() => running.server.close());

  it.each([
    ['promwall.example.com', 200],
    ['PROMWALL.example.com:443', 200],
    ['lobby.walls.example.com', 200],
    ['walls.example.com', 421],
    ['127.0.0.1', 421],
    ['evil-promwall.example.com', 421],
  ])('answers Host: %s with %i', async (host, status) => {
    expect((await raw(running.port, get('/api/v1/tv/config', `Host: ${host}`))).status).toBe(status);
  });
});

describe('no Host check when exposed without server.allowedHosts', () => {
  it('answers any Host', async () => {
    const running = await serve({ HOST: '0.0.0.0' });
    try {
      expect((await raw(running.port, get('/api/v1/tv/config', 'Host: anything.example'))).status).toBe(200);
    } finally {
      running.server.close();
    }
  });
});
