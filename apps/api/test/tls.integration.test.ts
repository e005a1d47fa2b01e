import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import { join } from 'node:path';
import { findBinaries, freePorts, repoRoot, Supervisor } from '@promwall/stack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestCertificates, type TestCertificates } from './support/certificates.ts';
import { startApi, type RunningApi } from './support/api.ts';

// A real Prometheus served over HTTPS by its own --web.config.file, with a CA made for this run,
// asking every client for a certificate of that CA: Promwall's own queries (undici) and the
// pass-through (http-proxy) must both verify it, name it and present theirs.

const SERVER_NAME = 'prometheus.test';
const dir = join(repoRoot, '.data-test', 'tls');
let certificates: TestCertificates;
let supervisor: Supervisor;
let prometheusUrl: string;
const apis: RunningApi[] = [];

/** Prometheus's /-/ready over HTTPS, as a client holding the test CA and a client certificate. */
function readyOverTls(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = https.get(
      {
        host: '127.0.0.1',
        port,
        path: '/-/ready',
        servername: SERVER_NAME,
        ca: readFileSync(certificates.ca),
        cert: readFileSync(certificates.clientCert),
        key: readFileSync(certificates.clientKey),
        timeout: 1_000,
      },
      (res) => {
        res.resume();
        resolve(res.statusCode === 200);
      },
    );
    req.on('error', () => resolve(false));
    req.on('timeout', () => req.destroy());
  });
}

beforeAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  certificates = makeTestCertificates(join(dir, 'pki'), SERVER_NAME);
  const webConfig = join(dir, 'web.yml');
  writeFileSync(
    webConfig,
    [
      'tls_server_config:',
      `  cert_file: ${certificates.serverCert}`,
      `  key_file: ${certificates.serverKey}`,
      '  client_auth_type: RequireAndVerifyClientCert',
      `  client_ca_file: ${certificates.ca}`,
      '',
    ].join('\n'),
  );
  const config = join(dir, 'prometheus.yml');
  writeFileSync(config, 'global: { scrape_interval: 5s }\n');
  mkdirSync(join(dir, 'data'), { recursive: true });
  const [port] = await freePorts(1);
  prometheusUrl = `https://127.0.0.1:${port}`;
  supervisor = new Supervisor(join(dir, 'logs'));
  await supervisor.start({
    name: 'prometheus',
    command: findBinaries().prometheus,
    args: [
      `--config.file=${config}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      `--web.config.file=${webConfig}`,
    ],
    ready: () => readyOverTls(port!),
    readyTimeoutMs: 60_000,
  });
});

afterAll(async () => {
  await Promise.all(apis.map((api) => api.close()));
  await supervisor?.stopAll();
});

/** Promwall in this process, its prometheus.tls set to `tls` (YAML). */
async function promwallWith(tls: string): Promise<RunningApi> {
  const file = join(dir, `promwall-${apis.length}.yml`);
  writeFileSync(file, `prometheus:\n  url: ${prometheusUrl}\n  tls: ${tls}\n`);
  const api = await startApi({ PROMWALL_CONFIG: file });
  apis.push(api);
  return api;
}

/** Promwall's own query (readiness) and the pass-through, through one configuration. */
async function bothPaths(api: RunningApi) {
  const [ready, passThrough] = await Promise.all([
    api.get('/readyz'),
    api.get('/api/prom/api/v1/query?query=vector(42)'),
  ]);
  return { ready, passThrough };
}

describe('TLS to the upstream', () => {
  it('verifies the upstream against the configured CA and name, and presents the client certificate', async () => {
    const api = await promwallWith(
      `{ caFile: ${certificates.ca}, certFile: ${certificates.clientCert}, keyFile: ${certificates.clientKey}, serverName: ${SERVER_NAME} }`,
    );

    const { ready, passThrough } = await bothPaths(api);

    expect(ready.status).toBe(200);
    expect(passThrough.status).toBe(200);
    expect(passThrough.body.data.result[0].value[1]).toBe('42');
  });

  const client = (c: TestCertificates) => `certFile: ${c.clientCert}, keyFile: ${c.clientKey}`;

  it.each([
    [
      'without the name its certificate holds (the URL names 127.0.0.1)',
      (c: TestCertificates) => `{ caFile: ${c.ca}, ${client(c)} }`,
    ],
    [
      'against another CA',
      (c: TestCertificates) => `{ caFile: ${c.otherCa}, ${client(c)}, serverName: ${SERVER_NAME} }`,
    ],
    ['without a client certificate', (c: TestCertificates) => `{ caFile: ${c.ca}, serverName: ${SERVER_NAME} }`],
  ])('fails %s, on both paths', async (_what, tls) => {
    const api = await promwallWith(tls(certificates));

    const { ready, passThrough } = await bothPaths(api);

    expect(ready.status).toBe(503);
    expect(ready.body.error.message).toMatch(/^prometheus is unreachable/);
    expect(passThrough.status).toBe(502);
    expect(passThrough.body).toMatchObject({ status: 'error', errorType: 'unavailable' });
  });

  it('fails with the system CAs alone, and accepts any certificate only with insecureSkipVerify', async () => {
    const verifying = await promwallWith(`{ ${client(certificates)} }`);
    const skipping = await promwallWith(`{ ${client(certificates)}, insecureSkipVerify: true }`);

    const refused = await bothPaths(verifying);
    const accepted = await bothPaths(skipping);

    expect([refused.ready.status, refused.passThrough.status]).toEqual([503, 502]);
    expect([accepted.ready.status, accepted.passThrough.status]).toEqual([200, 200]);
  });
});
