import { readFileSync } from 'node:fs';
import { headlineKeys } from '@promwall/core/headline';
import { rulesFile, stackPromwallConfig } from '@promwall/stack';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from './config.ts';

interface Rule {
  alert: string;
  expr: string;
  labels: { severity: string };
}

const rules = (parse(readFileSync(rulesFile, 'utf8')) as { groups: { rules: Rule[] }[] }).groups.flatMap(
  (group) => group.rules,
);
const config = loadConfig({ PROMETHEUS_URL: 'http://127.0.0.1:9', PROMWALL_CONFIG: stackPromwallConfig });

describe('the embedded stack’s Promwall settings and alert rules', () => {
  const links = headlineKeys.flatMap((key) => config.metrics[key].alerts.map((name) => ({ key, name })));

  it('link a rule to every headline metric the rules watch', () => {
    expect(links.map(({ key, name }) => `${key}: ${name}`)).toEqual([
      'cpu: HighCPUUsage',
      'dbConnections: DatabaseConnectionHigh',
      'latencyP95: HighRequestLatency',
    ]);
  });

  it.each(['HighCPUUsage', 'DatabaseConnectionHigh', 'HighRequestLatency'])(
    'agree on %s: the tile’s own query, compared at the tile’s threshold for the rule’s severity',
    (name) => {
      const { key } = links.find((link) => link.name === name)!;
      const metric = config.metrics[key];
      const rule = rules.find((candidate) => candidate.alert === name)!;
      const severity = rule.labels.severity as 'warning' | 'critical';
      expect(rule.expr).toBe(`${metric.byInstanceQuery} >= ${metric.thresholds[severity]}`);
    },
  );
});
