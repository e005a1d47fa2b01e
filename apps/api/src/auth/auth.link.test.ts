import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { makeTestCertificates } from '../../test/support/certificates.ts';
import { redactTokenParam, splitTokenParam } from './auth.link.ts';
import { appWithTokens, TEST_TOKENS, WRONG_TOKEN } from './auth.testing.ts';

const kiosk = TEST_TOKENS.kiosk.token;

describe('splitTokenParam', () => {
  it.each([
    ['token=abc', ['abc'], ''],
    ['rotate=30s&token=abc&id=lobby', ['abc'], 'rotate=30s&id=lobby'],
    ['%74oken=abc', ['abc'], ''],
    ['token=a%2Bb+c', ['a+b c'], ''],
    ['token=a&token=b', ['a', 'b'], ''],
    ['token', [''], ''],
    ['tokens=abc&xtoken=1', [], 'tokens=abc&xtoken=1'],
    ['token=%E0%A4%A', [''], ''],
  ])('splits %j', (query, tokens, rest) => {
    expect(splitTokenParam(query)).toEqual({ tokens, rest });
  });
});

describe('redactTokenParam', () => {
  it.each([
    ['/tv?token=pw_secret&rotate=30s', '/tv?token=[redacted]&rotate=30s'],
    ['/tv?rotate=30s&%74oken=pw_secret', '/tv?rotate=30s&token=[redacted]'],
    ['/tv?rotate=30s', '/tv?rotate=30s'],
    ['/tv', '/tv'],
  ])('logs %s as %s', (url, logged) => {
    expect(redactTokenParam(url)).toBe(logged);
  });
});

/** A logger that keeps every line it writes, as text. */
function capturingLogger() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { logger: pino({ level: 'trace' }, stream), lines };
}

describe('a page URL with ?token=', () => {
  const app = appWithTokens();

  it('leaves the token in an HttpOnly, SameSite=Strict cookie and sends the browser to the URL without it', async () => {
    const res = await request(app).get(`/tv?rotate=30s&token=${kiosk}&id=lobby`);

    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/tv?rotate=30s&id=lobby');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['set-cookie']).toHaveLength(1);
    expect(res.headers['set-cookie']![0]).toMatch(
      new RegExp(`^promwall_token=${kiosk}; Max-Age=2592000; Path=/; Expires=[^;]+ GMT; HttpOnly; SameSite=Strict$`),
    );
    expect(res.text).not.toContain(kiosk);
  });

  it('is then a kiosk wall: its cookie opens what the wall needs and nothing more', async () => {
    const cookie = (await request(app).get(`/tv?token=${kiosk}`)).headers['set-cookie']![0]!.split(';')[0]!;

    expect((await request(app).get('/tv').set('Cookie', cookie)).status).toBe(200);
    expect((await request(app).get('/api/v1/tv/config').set('Cookie', cookie)).status).toBe(200);
    expect((await request(app).get('/api/v1/openapi.json').set('Cookie', cookie)).status).toBe(403);
  });

  it.each([
    ['a wrong token', `/tv?token=${WRONG_TOKEN}`],
    ['two tokens', `/tv?token=${kiosk}&token=${kiosk}`],
    ['an empty token', '/tv?token='],
  ])('drops %s from the URL without a cookie', async (_what, url) => {
    const res = await request(app).get(url);

    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/tv');
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it.each([
    ['//evil.example/tv', '/evil.example/tv'],
    ['/%2F%2Fevil.example', '/%2F%2Fevil.example'],
    ['/embed/cpu', '/embed/cpu'],
  ])('never redirects %s to another host', async (page, location) => {
    const res = await request(app).get(`${page}?token=${kiosk}`);

    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(location);
  });

  it('is not exchanged on API paths, which take the token as a header', async () => {
    const res = await request(app).get(`/api/v1/tv/config?token=${kiosk}`);

    expect(res.status).toBe(401);
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('keeps the base path, and scopes the cookie to it', async () => {
    const prefixed = appWithTokens({ env: { PROMWALL_BASE_PATH: '/promwall' } });

    const res = await request(prefixed).get(`/promwall/tv?token=${kiosk}&rotate=1m`);

    expect(res.headers.location).toBe('/promwall/tv?rotate=1m');
    expect(res.headers['set-cookie']![0]).toContain('; Path=/promwall/;');
  });

  it('never writes the token to the access log', async () => {
    const { logger, lines } = capturingLogger();
    const logged = appWithTokens({ logger });

    await request(logged).get(`/tv?token=${kiosk}&rotate=30s`);
    await request(logged).get(`/api/v1/tv/config?token=${kiosk}`);
    await request(logged).get(`/tv?%74oken=${kiosk}`);

    expect(lines.length).toBeGreaterThanOrEqual(3);
    expect(lines.join('\n')).not.toContain(kiosk);
    expect(lines.some((line) => line.includes('"url":"/tv?token=[redacted]&rotate=30s"'))).toBe(true);
  });

  it('marks the cookie Secure when the page came over HTTPS', async () => {
    const certificates = makeTestCertificates(mkdtempSync(path.join(tmpdir(), 'promwall-tls-')), 'localhost');
    const server = https.createServer(
      { cert: readFileSync(certificates.serverCert), key: readFileSync(certificates.serverKey) },
      appWithTokens(),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const setCookie = await new Promise<string[] | undefined>((resolve, reject) => {
        https
          .get(
            {
              host: '127.0.0.1',
              port,
              path: `/tv?token=${kiosk}`,
              ca: readFileSync(certificates.ca),
              servername: 'localhost',
            },
            (res) => {
              res.resume();
              resolve(res.headers['set-cookie']);
            },
          )
          .on('error', reject);
      });

      expect(setCookie?.[0]).toMatch(/; HttpOnly; Secure; SameSite=Strict$/);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
