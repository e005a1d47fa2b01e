import { parser } from '@prometheus-io/lezer-promql';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { headlineMetrics } from './headline.ts';
import {
  findPromQLSyntaxError,
  labelPredicate,
  parseSelector,
  PromQLSyntaxError,
  promqlString,
  unquotePromQLString,
  withLabelFilters,
} from './promql.ts';

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

/** The query's syntax tree outside label matchers: what a filter must never change. */
function shape(query: string): string[] {
  const nodes: string[] = [];
  parser.parse(query).iterate({
    enter(node) {
      if (node.name === 'LabelMatchers') return false;
      nodes.push(
        node.name === 'StringLiteral' || node.name === 'Identifier' ? query.slice(node.from, node.to) : node.name,
      );
      return true;
    },
  });
  return nodes;
}

const QUERIES = [
  ...Object.values(headlineMetrics).flatMap((metric) => [metric.query, metric.byInstanceQuery]),
  'up',
  '{__name__=~"node_.*", job!=""}',
  'sum without (cpu) (rate(node_cpu_seconds_total{mode!="idle"}[5m] offset 1h))',
  'max_over_time(rate(app_request_total[1m])[30m:1m] @ end())',
  'a * on (instance) group_left (nodename) node_uname_info',
  'label_replace(up, "x", "$1 {not=\\"a matcher\\"}", "job", "(.*)")',
  'count(up == 0) or vector(0)',
  'topk(3, sum by (route) (rate(app_request_total{status=~"5.."}[5m])))',
  '{"utf8.metric", "a.b"="c"}',
  'absent(up{job="x"})',
];

// Characters that end, escape or bend a string literal or a selector, mixed with printable ASCII
// (generating arbitrary code points is slow; the integration property test covers them).
const hostileValue = fc.string({
  unit: fc.oneof(
    fc.constantFrom('"', '\\', '}', '{', ',', '\n', '`', "'", ' or ', '=~', 'é', '😀', '\u0000', '\u2028'),
    fc.string({ minLength: 1, maxLength: 1 }),
  ),
  maxLength: 30,
});

describe('withLabelFilters on any query and any value', () => {
  it('adds one escaped matcher per selector and changes nothing else in the query', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...QUERIES),
        fc.constantFrom('job', 'instance', 'route', '_x9'),
        hostileValue,
        (query, name, value) => {
          const filtered = withLabelFilters(query, { [name]: value });
          expect(findPromQLSyntaxError(filtered)).toBeUndefined();
          expect(shape(filtered)).toEqual(shape(query));
          const selectors: string[][] = [];
          parser.parse(filtered).iterate({
            enter(node) {
              if (node.name !== 'VectorSelector') return true;
              const matchers = node.node.getChild('LabelMatchers');
              selectors.push(matchers ? [filtered.slice(matchers.from, matchers.to)] : []);
              return false;
            },
          });
          for (const [matchers] of selectors) expect(matchers).toContain(`${name}=${promqlString(value)}`);
          expect(selectors.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 300 },
    );
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

describe('unquotePromQLString', () => {
  it('reads the three quote styles and Go escapes as PromQL does', () => {
    expect(unquotePromQLString('"a\\"b"')).toBe('a"b');
    expect(unquotePromQLString("'it\\'s'")).toBe("it's");
    expect(unquotePromQLString('`raw\\n`')).toBe('raw\\n');
    expect(unquotePromQLString('"\\x41\\101\\u00e9\\U0001F600\\t"')).toBe('AAé😀\t');
  });

  it('is the inverse of promqlString', () => {
    for (const value of ['plain', 'x"} or vector(1)', 'back\\slash\nnew', '\u0000\u001f', 'ünïcødé 😀'])
      expect(unquotePromQLString(promqlString(value))).toBe(value);
  });

  it('refuses escapes PromQL does not know', () => {
    expect(() => unquotePromQLString('"\\q"')).toThrow(PromQLSyntaxError);
  });
});

describe('parseSelector', () => {
  it('reads the matchers of a selector, the metric name as __name__', () => {
    expect(parseSelector('up{job="node", instance!~`db-.*`}')).toEqual([
      { name: '__name__', op: '=', value: 'up' },
      { name: 'job', op: '=', value: 'node' },
      { name: 'instance', op: '!~', value: 'db-.*' },
    ]);
    expect(parseSelector('{severity=~"critical|warning",team!="x"}')).toEqual([
      { name: 'severity', op: '=~', value: 'critical|warning' },
      { name: 'team', op: '!=', value: 'x' },
    ]);
    expect(parseSelector('{"utf8.metric", "a.b"="c"}')).toEqual([
      { name: '__name__', op: '=', value: 'utf8.metric' },
      { name: 'a.b', op: '=', value: 'c' },
    ]);
  });

  it('refuses anything that is not one selector', () => {
    for (const text of ['sum(up)', 'up or vector(1)', 'rate(up[5m])', 'up[5m]', '{job=}', '', '1'])
      expect(parseSelector(text), text).toBeUndefined();
  });
});

describe('labelPredicate', () => {
  const matches = (selector: string, labels: Record<string, string>) =>
    labelPredicate(parseSelector(selector)!)(labels);

  it('matches as Prometheus does: anchored regexes, a missing label is empty', () => {
    expect(matches('{job="node"}', { job: 'node' })).toBe(true);
    expect(matches('{job="node"}', { job: 'node2' })).toBe(false);
    expect(matches('{job=~"no"}', { job: 'node' })).toBe(false);
    expect(matches('{job=~"no.*"}', { job: 'node' })).toBe(true);
    expect(matches('{job!~"no.*"}', { job: 'node' })).toBe(false);
    expect(matches('{team=""}', { job: 'node' })).toBe(true);
    expect(matches('{team!=""}', { job: 'node' })).toBe(false);
    expect(matches('{job=~"a.b"}', { job: 'a\nb' })).toBe(true);
  });

  it('refuses a regular expression that does not compile', () => {
    expect(() => labelPredicate([{ name: 'job', op: '=~', value: '(' }])).toThrow(SyntaxError);
  });
});
