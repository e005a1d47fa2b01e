import { describe, expect, it } from 'vitest';
import { headlineMetrics } from './headline.ts';
import { isValidPromQL, PromQLSyntaxError, promqlString, withLabelFilters } from './promql.ts';

describe('promqlString', () => {
  it('quotes and escapes what would end or bend the literal', () => {
    expect(promqlString('plain')).toBe('"plain"');
    expect(promqlString('x"} or vector(1) or {a="')).toBe('"x\\"} or vector(1) or {a=\\""');
    expect(promqlString('back\\slash\nnew\tline')).toBe('"back\\\\slash\\nnew\\tline"');
    expect(promqlString('\u0000\u001f')).toBe('"\\u0000\\u001f"');
  });

  it('refuses strings that are not well-formed Unicode', () => {
    expect(() => promqlString('\ud800')).toThrow(RangeError);
  });
});

describe('withLabelFilters', () => {
  it('adds the matchers to a bare selector', () => {
    expect(withLabelFilters('up', { job: 'node' })).toBe('up{job="node"}');
  });

  it('adds the matchers inside existing braces, after a trailing comma, and in empty braces', () => {
    expect(withLabelFilters('foo{a="b"}', { job: 'x' })).toBe('foo{a="b",job="x"}');
    expect(withLabelFilters('foo{a="b", }', { job: 'x' })).toBe('foo{a="b", job="x"}');
    expect(withLabelFilters('{__name__="foo"}', { job: 'x' })).toBe('{__name__="foo",job="x"}');
  });

  it('reaches every selector: in functions, aggregations, binary operations, ranges and offsets', () => {
    expect(withLabelFilters(headlineMetrics.memory.byInstanceQuery, { instance: 'h:9100' })).toBe(
      '(1 - (node_memory_MemAvailable_bytes{instance="h:9100"} / node_memory_MemTotal_bytes{instance="h:9100"})) * 100',
    );
    expect(withLabelFilters('sum(rate(a[5m] offset 1m)) by (le) / b', { job: 'j', instance: 'i' })).toBe(
      'sum(rate(a{job="j",instance="i"}[5m] offset 1m)) by (le) / b{job="j",instance="i"}',
    );
  });

  it('keeps hostile values inside one string literal', () => {
    expect(withLabelFilters('up', { job: 'x"} or vector(1) or {a="' })).toBe('up{job="x\\"} or vector(1) or {a=\\""}');
  });

  it('leaves the query alone without filters, and refuses invalid label names and queries', () => {
    expect(withLabelFilters('up', {})).toBe('up');
    expect(() => withLabelFilters('up', { 'job"': 'x' })).toThrow(RangeError);
    expect(() => withLabelFilters('sum(up', { job: 'x' })).toThrow(PromQLSyntaxError);
  });
});

describe('isValidPromQL', () => {
  it('accepts the default queries and refuses broken ones', () => {
    for (const metric of Object.values(headlineMetrics)) {
      expect(isValidPromQL(metric.query)).toBe(true);
      expect(isValidPromQL(metric.byInstanceQuery)).toBe(true);
    }
    for (const broken of ['sum(up', 'up{job=}', 'rate(up[5m)', '', '   '])
      expect(isValidPromQL(broken), broken).toBe(false);
  });
});
