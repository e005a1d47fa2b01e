import { describe, expect, it } from 'vitest';
import { toTarget } from './targets.service.ts';

// Shapes recorded from Prometheus 2.42 and VictoriaMetrics 1.79 answering /api/v1/targets.
const prometheusUp = {
  discoveredLabels: { __address__: '127.0.0.1:19100', job: 'node' },
  labels: { instance: '127.0.0.1:19100', job: 'node' },
  scrapePool: 'node',
  scrapeUrl: 'http://127.0.0.1:19100/metrics',
  globalUrl: 'http://host:19100/metrics',
  lastError: '',
  lastScrape: '2026-11-21T23:40:01.123456789Z',
  lastScrapeDuration: 0.012345,
  health: 'up',
  scrapeInterval: '5s',
  scrapeTimeout: '5s',
};

describe('toTarget', () => {
  it('maps a scraped Prometheus target', () => {
    expect(toTarget(prometheusUp)).toEqual({
      job: 'node',
      instance: '127.0.0.1:19100',
      health: 'up',
      lastScrape: '2026-11-21T23:40:01.123Z',
      lastScrapeDurationSeconds: 0.012345,
      lastError: null,
      downSince: null,
      scrapeUrl: 'http://127.0.0.1:19100/metrics',
      labels: { instance: '127.0.0.1:19100', job: 'node' },
    });
  });

  it('dates a down target’s outage as found, and never an up target’s', () => {
    const since = new Map([[JSON.stringify(['node', '127.0.0.1:19100']), Date.parse('2026-11-21T23:39:45Z')]]);
    const down = { ...prometheusUp, health: 'down', lastError: 'connection refused' };
    expect(toTarget(down, since).downSince).toBe('2026-11-21T23:39:45.000Z');
    expect(toTarget(down).downSince).toBeNull();
    expect(toTarget(prometheusUp, since).downSince).toBeNull();
  });

  it('keeps the scrape error of a down target', () => {
    const down = toTarget({
      ...prometheusUp,
      health: 'down',
      lastError: 'Get "http://127.0.0.1:19100/metrics": dial tcp 127.0.0.1:19100: connect: connection refused',
    });
    expect(down.health).toBe('down');
    expect(down.lastError).toContain('connection refused');
  });

  it("reads Prometheus's never-scraped target as unknown, with no scrape time", () => {
    const fresh = toTarget({
      ...prometheusUp,
      health: 'unknown',
      lastScrape: '0001-01-01T00:00:00Z',
      lastScrapeDuration: 0,
    });
    expect(fresh).toMatchObject({ health: 'unknown', lastScrape: null, lastScrapeDurationSeconds: null });
  });

  it("reads VictoriaMetrics's never-scraped target (down, at the epoch) as unknown", () => {
    const fresh = toTarget({
      labels: { job: 'node', instance: 'a' },
      health: 'down',
      lastScrape: '1970-01-01T00:00:00Z',
      lastScrapeDuration: 0,
    });
    expect(fresh).toMatchObject({
      health: 'unknown',
      lastScrape: null,
      lastScrapeDurationSeconds: null,
      lastError: null,
      scrapeUrl: null,
    });
  });
});
