import { describe, expect, it } from 'vitest';
import { EMBED_PANEL_NAMES, embedPath, parseChartRange, parseEmbedPanel } from './embedPanel.ts';

describe('parseEmbedPanel', () => {
  it.each([
    ['cpu', undefined, { kind: 'tile', metric: 'cpu' }],
    ['dbConnections', undefined, { kind: 'tile', metric: 'dbConnections' }],
    ['latencyP95', 'chart', { kind: 'chart', metric: 'latencyP95' }],
    ['alerts', undefined, { kind: 'alerts' }],
    ['targets', undefined, { kind: 'targets' }],
  ])('reads %s with the view %s by the metric’s own id', (name, view, panel) => {
    expect(parseEmbedPanel(name, view)).toEqual(panel);
  });

  it.each([
    ['db-connections', '/embed/dbConnections'],
    ['dbconnections', '/embed/dbConnections'],
    ['latency-p95', '/embed/latencyP95'],
    ['rps-chart', '/embed/rps/chart'],
    ['latency-p95-chart', '/embed/latencyP95/chart'],
  ])('leads the older name %s to %s', (name, movedTo) => {
    expect(parseEmbedPanel(name)).toEqual({ movedTo });
  });

  it.each([
    ['nope', undefined],
    ['cpu-graph', undefined],
    ['-chart', undefined],
    ['alerts-chart', undefined],
    ['alerts', 'chart'],
    ['cpu', 'graph'],
    ['latency-p95', 'chart'],
  ])('knows no panel named %s with the view %s', (name, view) => {
    expect(parseEmbedPanel(name, view)).toBeUndefined();
  });

  it('answers every name it lists, at the path it gives', () => {
    for (const name of EMBED_PANEL_NAMES) {
      const [panel, view] = name.split('/');
      const parsed = parseEmbedPanel(panel!, view);
      expect(parsed && 'kind' in parsed ? embedPath(parsed) : undefined).toBe(`/embed/${name}`);
    }
  });
});

describe('parseChartRange', () => {
  it('is an hour by default and takes 5m to 7d', () => {
    expect(parseChartRange('')).toEqual({ range: '1h' });
    expect(parseChartRange('?range=6h')).toEqual({ range: '6h' });
    expect(parseChartRange('?range=1m')).toEqual({ range: '1h', ignored: 'range=1m' });
  });
});
