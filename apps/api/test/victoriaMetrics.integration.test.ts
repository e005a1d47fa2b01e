import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { headlineKeys } from '@promwall/core/headline';
import { afterAll, beforeAll } from 'vitest';
import { eventually, startTestStack } from '@promwall/stack/testing';
import type { Stack } from '@promwall/stack';
import { startApi, type RunningApi } from './support/api.ts';
import { backendContract } from './support/backendContract.ts';

// The same contract as against Prometheus, with VictoriaMetrics scraping the same exporters.
let stack: Stack;
let api: RunningApi;

beforeAll(async () => {
  ({ stack } = await startTestStack('api-victoria', { withoutPromwall: true, withVictoriaMetrics: true }));
  const config = join(mkdtempSync(join(tmpdir(), 'promwall-vm-')), 'promwall.yml');
  writeFileSync(
    config,
    `prometheus: { name: victoria-metrics, url: ${stack.urls.victoriaMetrics} }\ncache: { ttl: 1s }\n`,
  );
  api = await startApi({ PROMWALL_CONFIG: config });
  await eventually(
    async () => {
      const { body } = await api.get('/api/v1/summary');
      return headlineKeys.every((key) => body.metrics[key].value !== null) ? body : undefined;
    },
    60_000,
    'every headline metric to have a value',
  );
});

afterAll(async () => {
  await api?.close();
  await stack?.stop();
});

backendContract(() => api, 'victoria-metrics');
