import { describe, expect, it } from 'vitest';
import { headlineMetrics } from './headline.ts';
import { findPromQLSyntaxError, PromQLSyntaxError, promqlString, withLabelFilters } from './promql.ts';

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

describe('findPromQLSyntaxError', () => {
  it('finds nothing wrong with the default queries', () => {
    for (const metric of Object.values(headlineMetrics)) {
      expect(findPromQLSyntaxError(metric.query)).toBeUndefined();
      expect(findPromQLSyntaxError(metric.byInstanceQuery)).toBeUndefined();
    }
    expect(findPromQLSyntaxError('label_replace(up{a="x\\"y"}, "a", \'b\', `c`, "d")')).toBeUndefined();
  });

  it.each([
    ['up{job="a"}}', 1, 12, 'unexpected "}"'],
    ['up{job=}', 1, 8, 'unexpected "}"'],
    ['sum(rate(app_request_total[1m])', 1, 32, 'unexpected end of query'],
    ['rate(up[5m)', 1, 11, 'unexpected ")"'],
    ['up == == 1', 1, 7, 'unexpected "=="'],
    ['foo bar', 1, 5, 'unexpected "bar"'],
    ['up[5x]', 1, 5, 'unexpected "x"'],
    ['sum(\n  up\n  + )', 3, 5, 'unexpected ")"'],
    ['"abc', 1, 1, 'unterminated string'],
    ['up{job="a\\"}', 1, 8, 'unterminated string'],
    ['', 1, 1, 'empty query'],
    ['   ', 1, 1, 'empty query'],
  ])('reports %j at %i:%i as %s', (query, line, column, reason) => {
    expect(findPromQLSyntaxError(query)).toEqual({ line, column, reason });
  });
});
