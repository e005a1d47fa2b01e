import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import express from 'express';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { clientConcurrency } from './clientConcurrency.ts';
import { errorHandler } from './errors.ts';

const servers: http.Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    server.close();
  }
});

async function listen(handler: http.RequestListener): Promise<string> {
  const server = http.createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('clientConcurrency', () => {
  it('serves a client’s requests past the cap in turn, then answers 503 with Retry-After', async () => {
    let open = 0;
    let most = 0;
    let rejected = 0;
    const limit = clientConcurrency(2, 250, () => rejected++);
    const app = express()
      .use(limit.handler)
      .get('/slow', async (_req, res) => {
        most = Math.max(most, ++open);
        await new Promise((resolve) => setTimeout(resolve, 200));
        open--;
        res.json({ ok: true });
      })
      .use(errorHandler);
    const url = await listen(app);

    const answers = await Promise.all(Array.from({ length: 6 }, () => fetch(`${url}/slow`)));
    const statuses = answers.map((answer) => answer.status).sort();

    expect(most).toBe(2);
    expect(statuses).toEqual([200, 200, 200, 200, 503, 503]);
    const refused = answers.find((answer) => answer.status === 503)!;
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(await refused.json()).toMatchObject({ error: { code: 'overloaded' } });
    expect(rejected).toBe(2);
    expect(limit.clients()).toEqual({ inUse: 0, queued: 0 });
  });
});

describe('server.trustProxy', () => {
  function configFile(text: string): string {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'promwall-proxy-')), 'promwall.yml');
    writeFileSync(file, text);
    return file;
  }

  async function appUrl(trustProxy: string) {
    const config = loadConfig(
      {
        PROMETHEUS_URL: 'http://127.0.0.1:9',
        PROMWALL_CONFIG: configFile(
          `server: { trustProxy: ${trustProxy} }\nlimits: { rateLimit: { requests: 2, per: 1m } }\n`,
        ),
      },
      '/nonexistent',
    );
    return listen(createApp({ config, logger: pino({ level: 'silent' }) }));
  }

  const statuses = async (url: string, forwardedFor: string, count: number) => {
    const codes: number[] = [];
    for (let i = 0; i < count; i++) {
      const answer = await fetch(`${url}/api/v1/tv/config`, { headers: { 'X-Forwarded-For': forwardedFor } });
      codes.push(answer.status);
    }
    return codes;
  };

  it('keys the rate limit on the client behind one trusted proxy hop', async () => {
    const url = await appUrl('1');

    expect(await statuses(url, '203.0.113.1', 3)).toEqual([200, 200, 429]);
    expect(await statuses(url, '203.0.113.2', 2)).toEqual([200, 200]);
  });

  it('keys on the client behind a proxy named by address', async () => {
    const url = await appUrl('[127.0.0.1]');

    expect(await statuses(url, '198.51.100.7, 203.0.113.1', 3)).toEqual([200, 200, 429]);
    expect(await statuses(url, '198.51.100.7, 203.0.113.2', 1)).toEqual([200]);
  });

  it('ignores X-Forwarded-For when no proxy is trusted, so a client cannot pose as many', async () => {
    const url = await appUrl('false');

    expect(await statuses(url, '203.0.113.1', 2)).toEqual([200, 200]);
    expect(await statuses(url, '203.0.113.2', 1)).toEqual([429]);
  });
});
