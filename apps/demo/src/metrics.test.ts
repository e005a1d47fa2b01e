import { describe, expect, it } from 'vitest';
import { ActiveUsers, createMetrics, methodLabel } from './metrics.ts';

describe('ActiveUsers', () => {
  it('counts distinct ids seen within the window', () => {
    const users = new ActiveUsers(60_000);
    users.seen('a', 0);
    users.seen('b', 10_000);
    users.seen('a', 20_000);
    expect(users.count(30_000)).toBe(2);
    // 'b' was last seen at 10 s: gone after 70 s; 'a' (20 s) stays until 80 s.
    expect(users.count(70_000)).toBe(1);
    expect(users.count(80_001)).toBe(0);
  });

  it('keeps memory bounded', () => {
    const users = new ActiveUsers(60_000, 3);
    for (const id of ['a', 'b', 'c', 'd']) users.seen(id, 1_000);
    expect(users.count(1_000)).toBe(3);
    // Once older entries expire, new ids are accepted again.
    users.seen('e', 62_000);
    expect(users.count(62_000)).toBe(1);
  });
});

describe('methodLabel', () => {
  it('keeps standard methods and folds the rest', () => {
    expect(methodLabel('get')).toBe('GET');
    expect(methodLabel('POST')).toBe('POST');
    expect(methodLabel('BREW')).toBe('other');
    expect(methodLabel(undefined)).toBe('other');
  });
});

describe('createMetrics', () => {
  it('uses its own registry, not the global one', async () => {
    const { register } = await import('prom-client');
    const metrics = createMetrics({ openConnections: () => 3, defaultMetrics: false });
    expect(metrics.registry).not.toBe(register);
    expect(await register.getSingleMetric('app_request_total')).toBeUndefined();
    // Two instances do not clash.
    createMetrics({ openConnections: () => 0, defaultMetrics: false });
  });

  it('includes the process metrics by default', async () => {
    const metrics = createMetrics({ openConnections: () => 0 });
    const text = await metrics.registry.metrics();
    expect(text).toContain('process_cpu_seconds_total');
    expect(text).toContain('process_resident_memory_bytes');
  });

  it('records a request in the counter, the histogram and the summary', async () => {
    const metrics = createMetrics({ openConnections: () => 0, defaultMetrics: false });
    metrics.observeRequest({ method: 'GET', route: '/api/report', status: 200, durationSeconds: 0.7 });
    metrics.observeRequest({ method: 'GET', route: '/api/report', status: 200, durationSeconds: 0.02 });
    const text = await metrics.registry.metrics();
    expect(text).toContain('app_request_total{method="GET",route="/api/report",status="200"} 2');
    expect(text).toContain('app_request_duration_seconds_bucket{le="0.025",method="GET",route="/api/report"} 1');
    expect(text).toContain('app_request_duration_seconds_bucket{le="0.5",method="GET",route="/api/report"} 1');
    expect(text).toContain('app_request_duration_seconds_bucket{le="1",method="GET",route="/api/report"} 2');
    expect(text).toContain('response_time_summary_count 2');
    expect(text).toMatch(/response_time_summary\{quantile="0\.99"\} 0\.[67]/);
  });
});
