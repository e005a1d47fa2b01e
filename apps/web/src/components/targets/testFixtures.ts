import type { Target, Targets } from '@promwall/core/schemas';

/** A /api/v1/targets answer recorded from the embedded stack with its node exporter stopped;
 * the staging target and its `env` label are added. For tests only. */
export const RECORDED_AT = Date.parse('2026-11-22T00:07:56.328Z');

const target = (job: string, instance: string, rest: Partial<Target> = {}): Target => ({
  job,
  instance,
  health: 'up',
  lastScrape: '2026-11-22T00:07:53.431Z',
  lastScrapeDurationSeconds: 0.013254608,
  lastError: null,
  downSince: null,
  scrapeUrl: `http://${instance}/metrics`,
  labels: { instance, job },
  ...rest,
});

export const NODE_ERROR = 'Get "http://127.0.0.1:39100/metrics": dial tcp 127.0.0.1:39100: connect: connection refused';

export const recordedTargets: Targets = {
  generatedAt: '2026-11-22T00:07:56.328Z',
  counts: { up: 4, down: 1, unknown: 1, total: 6 },
  targets: [
    target('alertmanager', '127.0.0.1:39093', {
      lastScrape: '2026-11-22T00:07:54.940Z',
      lastScrapeDurationSeconds: 0.00311281,
    }),
    target('demo', '127.0.0.1:38000'),
    target('node', '127.0.0.1:39100', {
      health: 'down',
      lastScrape: '2026-11-22T00:07:55.397Z',
      lastScrapeDurationSeconds: 0.000960272,
      lastError: NODE_ERROR,
      downSince: '2026-11-22T00:06:41.000Z',
    }),
    target('node', '10.0.4.17:9100', {
      health: 'unknown',
      lastScrape: null,
      lastScrapeDurationSeconds: null,
      labels: { env: 'staging', instance: '10.0.4.17:9100', job: 'node' },
    }),
    target('postgres', '127.0.0.1:39187', {
      lastScrape: '2026-11-22T00:07:55.368Z',
      lastScrapeDurationSeconds: 0.03089833,
    }),
    target('prometheus', '127.0.0.1:39090', {
      lastScrape: '2026-11-22T00:07:54.924Z',
      lastScrapeDurationSeconds: 0.004523443,
    }),
  ],
};

export const allUpTargets: Targets = {
  generatedAt: '2026-11-22T00:07:56.328Z',
  counts: { up: 2, down: 0, unknown: 0, total: 2 },
  targets: [target('demo', '127.0.0.1:38000'), target('prometheus', '127.0.0.1:39090')],
};

export const noTargets: Targets = {
  generatedAt: '2026-11-22T00:07:56.328Z',
  counts: { up: 0, down: 0, unknown: 0, total: 0 },
  targets: [],
};
