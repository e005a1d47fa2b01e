// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { formatSeries, seriesParts } from './seriesFormat.ts';

describe('formatSeries', () => {
  it('writes the metric name first and the other labels sorted by name', () => {
    expect(formatSeries({ job: 'node', __name__: 'up', instance: 'a:9100' })).toBe('up{instance="a:9100", job="node"}');
  });

  it('writes a bare metric name when it has no other labels', () => {
    expect(formatSeries({ __name__: 'up' })).toBe('up');
  });

  it('writes braces only for a series without a name, as aggregations return', () => {
    expect(formatSeries({ job: 'api' })).toBe('{job="api"}');
    expect(formatSeries({})).toBe('{}');
  });

  it('escapes quotes, backslashes and newlines in label values', () => {
    expect(formatSeries({ __name__: 'm', path: 'C:\\tmp', msg: 'say "hi"\nbye' })).toBe(
      'm{msg="say \\"hi\\"\\nbye", path="C:\\\\tmp"}',
    );
  });

  it('quotes names PromQL cannot write bare, a metric name inside the braces first', () => {
    expect(formatSeries({ __name__: 'http.requests', 'service.name': 'api', code: '200' })).toBe(
      '{"http.requests", code="200", "service.name"="api"}',
    );
  });

  it('keeps an empty label value as an empty string', () => {
    expect(formatSeries({ __name__: 'm', a: '' })).toBe('m{a=""}');
  });
});

describe('seriesParts', () => {
  it('splits the name from the quoted label values for styling', () => {
    expect(seriesParts({ __name__: 'up', job: 'node' })).toEqual({
      name: 'up',
      labels: [{ name: 'job', value: '"node"' }],
    });
  });
});
