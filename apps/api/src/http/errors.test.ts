import express from 'express';
import request from 'supertest';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { ApiError, errorHandler, prometheusErrorShape } from './errors.ts';

function appThrowing(error: unknown) {
  const app = express();
  app.get('/boom', () => {
    throw error;
  });
  app.get('/api/prom/api/v1/boom', prometheusErrorShape, () => {
    throw error;
  });
  app.get('/async-boom', async () => {
    await Promise.resolve();
    throw error;
  });
  app.use(errorHandler);
  return app;
}

describe('errorHandler', () => {
  it('answers an unexpected error with a generic 500 and no stack', async () => {
    const error = new Error('connect ECONNREFUSED 10.0.0.7:5432 password=hunter2');

    const res = await request(appThrowing(error)).get('/boom');

    expect(res.status).toBe(500);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toEqual({ error: { code: 'internal', message: 'Internal server error' } });
    expect(res.text).not.toContain('hunter2');
    expect(res.text).not.toContain('at ');
  });

  it('handles errors from rejected async handlers the same way', async () => {
    const res = await request(appThrowing(new Error('secret detail'))).get('/async-boom');

    expect(res.status).toBe(500);
    expect(res.body).toEqual({ error: { code: 'internal', message: 'Internal server error' } });
  });

  it('answers a thrown non-Error value as a 500', async () => {
    const res = await request(appThrowing('just a string')).get('/boom');

    expect(res.status).toBe(500);
    expect(res.body.error.code).toBe('internal');
  });

  it('passes on the status, code and message of an ApiError', async () => {
    const timeout = new ApiError(504, 'upstream_timeout', 'Prometheus did not answer in 30 s');

    const res = await request(appThrowing(timeout)).get('/boom');

    expect(res.status).toBe(504);
    expect(res.body).toEqual({
      error: { code: 'upstream_timeout', message: 'Prometheus did not answer in 30 s' },
    });
  });

  it('maps a validation error to 400 naming the bad field', async () => {
    const parsed = z.object({ range: z.string() }).safeParse({ range: 3 });

    const res = await request(appThrowing(parsed.error)).get('/boom');

    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('bad_request');
    expect(res.body.error.message).toMatch(/^range: /);
  });

  it('keeps the status of client errors raised by middleware', async () => {
    const tooLarge = Object.assign(new Error('request entity too large'), { status: 413, expose: true });

    const res = await request(appThrowing(tooLarge)).get('/boom');

    expect(res.status).toBe(413);
    expect(res.body).toEqual({ error: { code: 'payload_too_large', message: 'request entity too large' } });
  });

  it('hides the message of a client error not meant to be exposed', async () => {
    const internal = Object.assign(new Error('parser state 0x1f at offset 12'), { status: 400, expose: false });

    const res = await request(appThrowing(internal)).get('/boom');

    expect(res.status).toBe(400);
    expect(res.text).not.toContain('0x1f');
  });
});

describe('errorHandler under /api/prom', () => {
  it.each([
    [new ApiError(400, 'bad_request', 'Parameter query may be given only once'), 400, 'bad_data'],
    [new ApiError(404, 'not_found', 'Not a read-only Prometheus API path'), 404, 'not_found'],
    [new ApiError(429, 'too_many_requests', 'rate limit reached; slow down'), 429, 'unavailable'],
    [new ApiError(504, 'upstream_timeout', 'prometheus did not answer within 10 s'), 504, 'timeout'],
    [Object.assign(new Error('request entity too large'), { status: 413, expose: true }), 413, 'bad_data'],
  ])("answers %s in Prometheus's error shape", async (error, status, errorType) => {
    const res = await request(appThrowing(error)).get('/api/prom/api/v1/boom');

    expect(res.status).toBe(status);
    expect(res.body).toEqual({ status: 'error', errorType, error: (error as Error).message });
  });

  it('answers an unexpected error as internal, with no detail', async () => {
    const res = await request(appThrowing(new Error('password=hunter2'))).get('/api/prom/api/v1/boom');

    expect(res.status).toBe(500);
    expect(res.body).toEqual({ status: 'error', errorType: 'internal', error: 'Internal server error' });
  });
});
