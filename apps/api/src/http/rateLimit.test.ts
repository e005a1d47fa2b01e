import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { errorHandler } from './errors.ts';
import { rateLimit } from './rateLimit.ts';

function limited(requests: number, options: { maxClients?: number } = {}) {
  let clock = 60_000;
  let limitedCount = 0;
  const app = express()
    .set('trust proxy', true)
    .use(rateLimit({ requests, windowMs: 60_000, now: () => clock, onLimited: () => limitedCount++, ...options }))
    .get('/', (_req, res) => {
      res.end('ok');
    })
    .use(errorHandler);
  const from = (address: string) => request(app).get('/').set('X-Forwarded-For', address);
  return { from, advance: (ms: number) => (clock += ms), limited: () => limitedCount };
}

describe('rateLimit', () => {
  it('lets a client make its budget of requests per window, then answers 429 until the window ends', async () => {
    const { from, advance, limited: refused } = limited(2);
    expect((await from('10.0.0.1')).status).toBe(200);
    advance(10_000);
    expect((await from('10.0.0.1')).status).toBe(200);
    advance(5_000);

    const over = await from('10.0.0.1');

    expect(over.status).toBe(429);
    expect(over.headers['retry-after']).toBe('45');
    expect(refused()).toBe(1);
    advance(45_000);
    expect((await from('10.0.0.1')).status).toBe(200);
  });

  it('counts clients apart, and an IPv6 client by its /56 network', async () => {
    const { from } = limited(1);
    expect((await from('10.0.0.1')).status).toBe(200);
    expect((await from('10.0.0.2')).status).toBe(200);
    expect((await from('2001:db8:0:1::1')).status).toBe(200);

    expect((await from('2001:db8:0:ff::2')).status).toBe(429);
    expect((await from('::ffff:10.0.0.1')).status).toBe(429);
  });

  it('has clients past maxClients share one budget, so that memory stays bounded', async () => {
    const { from } = limited(1, { maxClients: 2 });
    expect((await from('10.0.0.1')).status).toBe(200);
    expect((await from('10.0.0.2')).status).toBe(200);

    expect((await from('10.0.0.3')).status).toBe(200);
    expect((await from('10.0.0.4')).status).toBe(429);
  });
});
