import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { StatPanel } from '@promwall/core/dashboardSchemas';
import { headlineMetrics, type HeadlineKey } from '@promwall/core/headline';
import { stackPromwallConfig } from '@promwall/stack';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { parseDashboard, type HeadlineSettings } from './dashboards.loader.ts';

const OVERVIEW = fileURLToPath(new URL('../../../../dashboards/overview.yml', import.meta.url));

/** The overview board's stat panels, by the headline metric each one shows. */
const PANELS: Record<string, HeadlineKey> = {
  cpu: 'cpu',
  memory: 'memory',
  'db-connections': 'dbConnections',
  rps: 'rps',
  'latency-p95': 'latencyP95',
};

function overviewStats(headlines?: HeadlineSettings): StatPanel[] {
  const parsed = parseDashboard('overview.yml', readFileSync(OVERVIEW, 'utf8'), headlines);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.definition.rows.flatMap((row) => row.panels).filter((panel) => panel.type === 'stat');
}

describe('the shipped overview board', () => {
  it('shows the headline metrics with the catalogue queries and thresholds when nothing is configured', () => {
    const stats = overviewStats();
    expect(stats.map((panel) => panel.id).sort()).toEqual(Object.keys(PANELS).sort());
    for (const panel of stats) {
      const metric = headlineMetrics[PANELS[panel.id]!];
      expect(panel, panel.id).toMatchObject({
        metric: metric.key,
        title: metric.title,
        query: metric.query,
        unit: metric.unit,
        thresholds: metric.thresholds,
        alerts: [],
      });
    }
  });

  it("takes the configured thresholds and alert rules, so it agrees with the embedded stack's rules", () => {
    const config = loadConfig({ PROMETHEUS_URL: 'http://127.0.0.1:9', PROMWALL_CONFIG: stackPromwallConfig });
    const byId = new Map(overviewStats(config.metrics).map((panel) => [panel.id, panel]));
    for (const [id, key] of Object.entries(PANELS)) {
      const { query, unit, thresholds, alerts } = config.metrics[key];
      expect(byId.get(id), id).toMatchObject({ query, unit, thresholds, alerts });
    }
    // The stack's rules fire DatabaseConnectionHigh above 40 and HighCPUUsage at 80.
    expect(byId.get('db-connections')).toMatchObject({
      thresholds: { warning: 30, critical: 40 },
      alerts: ['DatabaseConnectionHigh'],
    });
    expect(byId.get('cpu')).toMatchObject({ thresholds: { warning: 80, critical: 90 }, alerts: ['HighCPUUsage'] });
  });
});
