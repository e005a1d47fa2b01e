import { describe, expect, it } from 'vitest';
import { headlineMetrics } from './headline.ts';
import { findPromQLSyntaxError, PromQLSyntaxError, withLabelFilters } from './promql.ts';
import { sourcesQuery, vectorSelectors } from './sources.ts';

describe('vectorSelectors', () => {
  it('finds every selector once, inside ranges, offsets, subqueries, @ and binary operations', () => {
    expect(
      vectorSelectors(
        'sum(rate(a{x="1"}[5m] offset 1m)) / max_over_time(b[5m:1m]) @ 100 + {__name__="c"} - a{x="1"} + on() vector(1)',
      ),
    ).toEqual(['a{x="1"}', 'b', '{__name__="c"}']);
  });

  it('finds none in a query of literals, and refuses invalid PromQL', () => {
    expect(vectorSelectors('vector(1) + 2')).toEqual([]);
    expect(() => vectorSelectors('sum(up')).toThrow(PromQLSyntaxError);
  });
});

describe('sourcesQuery', () => {
  it('asks up for the targets of every series the query reads within the window', () => {
    expect(sourcesQuery(headlineMetrics.memory.query, '15m')).toBe(
      'up and on (job, instance) (last_over_time(node_memory_MemAvailable_bytes[15m]) or ' +
        'last_over_time(node_memory_MemTotal_bytes[15m]))',
    );
  });

  it('gives valid PromQL for every default query, which filters reach like any other', () => {
    for (const metric of Object.values(headlineMetrics)) {
      const query = sourcesQuery(metric.query)!;
      expect(findPromQLSyntaxError(query), query).toBeUndefined();
      expect(withLabelFilters(query, { job: 'node' })).toMatch(/^up\{job="node"\} and on \(job, instance\)/);
    }
  });

  it('is undefined for a query that reads no series', () => {
    expect(sourcesQuery('vector(1)')).toBeUndefined();
  });
});
