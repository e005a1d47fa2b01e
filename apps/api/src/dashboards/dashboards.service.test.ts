import { dashboardFile } from '@promwall/core/dashboardSchemas';
import { describe, expect, it } from 'vitest';
import { panelFilters, seriesName } from './dashboards.service.ts';

describe('seriesName', () => {
  it('fills a legend template with the series’ labels, missing ones empty', () => {
    expect(seriesName({ instance: 'a:9100', quantile: '0.99' }, 'q{{quantile}} on {{ instance }}', 'x')).toBe(
      'q0.99 on a:9100',
    );
    expect(seriesName({ job: 'node' }, '{{instance}} p95', 'x')).toBe(' p95');
  });

  it('names a series without a template by its labels, or by the query when it has none', () => {
    expect(seriesName({ __name__: 'up', job: 'node', instance: 'a' }, undefined, 'up')).toBe(
      'up{job="node", instance="a"}',
    );
    expect(seriesName({ route: '/api' }, undefined, 'sum by (route) (x)')).toBe('{route="/api"}');
    expect(seriesName({}, undefined, 'sum(rate(x[1m]))')).toBe('sum(rate(x[1m]))');
  });
});

describe('panelFilters', () => {
  const board = dashboardFile.parse({
    title: 'B',
    variables: [
      { name: 'job', default: 'demo' },
      { name: 'host', label: 'instance' },
    ],
    rows: [{ panels: [{ id: 'a', type: 'stat', title: 'A', query: 'up' }] }],
  });

  it('matches each selected variable on its label, the default when none is selected', () => {
    expect(panelFilters(board, {}, { host: 'h:1' })).toEqual({ job: 'demo', instance: 'h:1' });
    expect(panelFilters(board, {}, { job: 'node' })).toEqual({ job: 'node' });
  });

  it('adds no matcher for a variable set to every value, nor for the ones a panel leaves out', () => {
    expect(panelFilters(board, {}, { job: '' })).toEqual({});
    expect(panelFilters(board, { variables: ['host'] }, { host: 'h:1' })).toEqual({ instance: 'h:1' });
    expect(panelFilters(board, { variables: [] }, { host: 'h:1' })).toEqual({});
  });
});
