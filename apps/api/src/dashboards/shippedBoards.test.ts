import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { headlineMetrics, type HeadlineKey } from '@promwall/core/headline';
import { describe, expect, it } from 'vitest';
import { parseDashboard } from './dashboards.loader.ts';

const OVERVIEW = fileURLToPath(new URL('../../../../dashboards/overview.yml', import.meta.url));

/** The overview board's stat panels, by the headline metric each one shows. */
const PANELS: Record<string, HeadlineKey> = {
  cpu: 'cpu',
  memory: 'memory',
  'db-connections': 'dbConnections',
  rps: 'rps',
  'latency-p95': 'latencyP95',
};

describe('the shipped overview board', () => {
  it('shows the headline metrics with their default queries and thresholds', () => {
    const parsed = parseDashboard('overview.yml', readFileSync(OVERVIEW, 'utf8'));
    if (!parsed.ok) throw new Error(parsed.message);
    const stats = parsed.definition.rows.flatMap((row) => row.panels).filter((panel) => panel.type === 'stat');

    expect(stats.map((panel) => panel.id).sort()).toEqual(Object.keys(PANELS).sort());
    for (const panel of stats) {
      const metric = headlineMetrics[PANELS[panel.id]!];
      expect(panel.query, panel.id).toBe(metric.query);
      expect(panel.thresholds, panel.id).toEqual(metric.thresholds);
    }
  });
});
