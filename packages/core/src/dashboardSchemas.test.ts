import { describe, expect, it } from 'vitest';
import { dashboardFile, panelData } from './dashboardSchemas.ts';

const stat = { id: 'rps', type: 'stat', title: 'Requests/s', query: 'sum(rate(app_request_total[1m]))' };
const board = (overrides: Record<string, unknown> = {}) => ({
  title: 'Demo',
  rows: [{ panels: [stat] }],
  ...overrides,
});

function problems(input: unknown): string[] {
  const result = dashboardFile.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('dashboardFile', () => {
  it('applies the defaults of every panel type', () => {
    const parsed = dashboardFile.parse(
      board({
        rows: [
          {
            panels: [
              stat,
              { id: 'chart', type: 'timeseries', title: 'Chart', queries: [{ query: 'up' }] },
              { id: 'table', type: 'table', title: 'Table', query: 'up' },
              { id: 'targets', type: 'targets', title: 'Targets' },
              { id: 'alerts', type: 'alerts', title: 'Alerts', match: '{severity="critical"}' },
            ],
          },
        ],
      }),
    );
    expect(parsed.variables).toEqual([]);
    expect(parsed.rows[0]!.panels[0]).toMatchObject({ unit: 'count', sparkline: true, alerts: [] });
    expect(parsed.rows[0]!.panels[1]).toMatchObject({ unit: 'count', stacked: false });
    expect(parsed.rows[0]!.panels[2]).toMatchObject({ unit: 'count' });
  });

  it('takes variables over any label, restricted by a selector', () => {
    const parsed = dashboardFile.parse(
      board({
        variables: [{ name: 'job' }, { name: 'host', label: 'instance', match: 'up{job="node"}', default: 'a' }],
      }),
    );
    expect(parsed.variables).toHaveLength(2);
  });

  it.each([
    [board({ title: '' }), 'title: must not be empty'],
    [board({ colour: 'red' }), ': Unrecognized key: "colour"'],
    [board({ rows: [] }), 'rows: a dashboard needs at least one row'],
    [board({ rows: [{ panels: [{ ...stat, type: 'gauge' }] }] }), 'rows.0.panels.0.type: must be one of stat,'],
    [
      board({ rows: [{ panels: [{ ...stat, query: 'sum(up' }] }] }),
      'rows.0.panels.0.query: not valid PromQL at 1:7 (unexpected end of query)',
    ],
    [board({ rows: [{ panels: [{ ...stat, unit: 'furlongs' }] }] }), 'rows.0.panels.0.unit: '],
    [board({ rows: [{ panels: [{ ...stat, id: 'a b' }] }] }), 'rows.0.panels.0.id: must be 1–64 letters'],
    [board({ rows: [{ panels: [stat, stat] }] }), 'rows.0.panels.1.id: is used twice'],
    [
      board({ rows: [{ panels: [{ ...stat, thresholds: { warning: 9, critical: 1 } }] }] }),
      'rows.0.panels.0.thresholds: warning must not be above critical',
    ],
    [
      board({ rows: [{ panels: [{ id: 't', type: 'timeseries', title: 'T', queries: [] }] }] }),
      'rows.0.panels.0.queries: ',
    ],
    [
      board({
        rows: [{ panels: [{ id: 't', type: 'timeseries', title: 'T', queries: [{ query: 'up' }], min: 5, max: 1 }] }],
      }),
      'rows.0.panels.0.min: min must be below max',
    ],
    [
      board({ rows: [{ panels: [{ id: 't', type: 'targets', title: 'T', match: 'sum(up)' }] }] }),
      'rows.0.panels.0.match: must be a series selector',
    ],
    [
      board({ rows: [{ panels: [{ id: 't', type: 'alerts', title: 'T', match: '{a=~"("}' }] }] }),
      'rows.0.panels.0.match: has a regular expression that does not compile',
    ],
    [board({ variables: [{ name: 'job' }, { name: 'job' }] }), 'variables.1.name: is used twice'],
    [board({ variables: [{ name: 'job"}' }] }), 'variables.0.name: must be a label name'],
    [board({ variables: [{ name: '__proto__' }] }), 'variables.0.name: must not start with __'],
    [
      board({ variables: [{ name: 'job' }, { name: 'j', label: 'job' }] }),
      "rows.0.panels.0.variables: j and another variable both match job: list the panel's variables",
    ],
    [board({ variables: [{ name: 'job', match: 'rate(up[5m])' }] }), 'variables.0.match: must be a series selector'],
    [
      board({ rows: [{ panels: [{ ...stat, variables: ['job'] }] }] }),
      'rows.0.panels.0.variables.0: no variable named job',
    ],
    [board({ range: '100y' }), 'range: must be a duration from 1m to 31d'],
    [board({ refresh: '1s' }), 'refresh: must be a duration from 5s to 1h'],
  ])('refuses a bad file, naming the key (%#)', (input, message) => {
    expect(problems(input).join('\n')).toContain(message);
  });

  it('takes two variables over one label when each panel names the one it uses', () => {
    const input = board({
      variables: [
        { name: 'backend', label: 'proxy' },
        { name: 'frontend', label: 'proxy' },
      ],
      rows: [
        {
          panels: [
            { ...stat, variables: ['backend'] },
            { ...stat, id: 'f', variables: ['frontend'] },
          ],
        },
      ],
    });
    expect(problems(input)).toEqual([]);
  });

  it('refuses more panels than a board may hold', () => {
    const panels = Array.from({ length: 151 }, (_, i) => ({ ...stat, id: `p${i}` }));
    expect(problems(board({ rows: [{ panels: panels.slice(0, 75) }, { panels: panels.slice(75) }] }))).toContain(
      'rows: at most 150 panels',
    );
  });
});

describe('panelData', () => {
  it('tells panel answers apart by type', () => {
    const common = { generatedAt: '2026-10-25T00:00:00.000Z', stale: false };
    expect(
      panelData.parse({
        type: 'table',
        ...common,
        query: 'up',
        unit: 'count',
        columns: ['job'],
        rows: [{ labels: { job: 'node' }, value: 1 }],
        truncated: false,
      }).type,
    ).toBe('table');
    expect(() => panelData.parse({ type: 'table', ...common })).toThrow();
  });
});
