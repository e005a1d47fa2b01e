import { describe, expect, it } from 'vitest';
import { EMBED_PANEL_NAMES, parseChartRange, parseEmbedPanel } from './embedPanel.ts';

describe('parseEmbedPanel', () => {
  it.each([
    ['cpu', { kind: 'tile', metric: 'cpu' }],
    ['db-connections', { kind: 'tile', metric: 'dbConnections' }],
    ['dbConnections', { kind: 'tile', metric: 'dbConnections' }],
    ['rps-chart', { kind: 'chart', metric: 'rps' }],
    ['latency-p95-chart', { kind: 'chart', metric: 'latencyP95' }],
    ['alerts', { kind: 'alerts' }],
    ['targets', { kind: 'targets' }],
  ])('reads %s', (name, panel) => {
    expect(parseEmbedPanel(name)).toEqual(panel);
  });

  it.each(['nope', 'cpu-graph', '-chart', 'alerts-chart'])('knows no panel named %s', (name) => {
    expect(parseEmbedPanel(name)).toBeUndefined();
  });

  it('answers every name it lists', () => {
    for (const name of EMBED_PANEL_NAMES) expect(parseEmbedPanel(name)).toBeDefined();
  });
});

describe('parseChartRange', () => {
  it('is an hour by default and takes 5m to 7d', () => {
    expect(parseChartRange('')).toEqual({ range: '1h' });
    expect(parseChartRange('?range=6h')).toEqual({ range: '6h' });
    expect(parseChartRange('?range=1m')).toEqual({ range: '1h', ignored: 'range=1m' });
  });
});
