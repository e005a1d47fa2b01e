import { describe, expect, it } from 'vitest';
import { csvFileName, panelCsv } from './panelCsv.ts';

const common = { generatedAt: '2026-10-25T10:00:00.000Z', stale: false };
const T = Date.UTC(2026, 9, 25, 10);

describe('panelCsv', () => {
  it('writes a time series one column per series, gaps as empty cells', () => {
    const csv = panelCsv({
      type: 'timeseries',
      ...common,
      start: '2026-10-25T09:59:00.000Z',
      end: '2026-10-25T10:00:00.000Z',
      stepSeconds: 30,
      queries: ['up'],
      unit: 'count',
      truncated: false,
      series: [
        {
          query: 0,
          name: 'a, "quoted"',
          labels: {},
          points: [
            ['2026-10-25T09:59:30.000Z', 1],
            ['2026-10-25T10:00:00.000Z', 2],
          ],
        },
        { query: 0, name: 'b', labels: {}, points: [['2026-10-25T10:00:00.000Z', null]] },
      ],
    });
    expect(csv).toBe('time,"a, ""quoted""",b\r\n2026-10-25T09:59:30.000Z,1,\r\n2026-10-25T10:00:00.000Z,2,\r\n');
  });

  it('writes a table’s columns and a stat’s values over the range', () => {
    expect(
      panelCsv({
        type: 'table',
        ...common,
        query: 'up',
        unit: 'count',
        columns: ['job', 'instance'],
        rows: [{ labels: { job: 'node', instance: 'h:9100' }, value: 1 }],
        truncated: false,
      }),
    ).toBe('job,instance,value\r\nnode,h:9100,1\r\n');
    expect(
      panelCsv({
        type: 'stat',
        ...common,
        query: 'x',
        unit: 'percent',
        value: 3,
        status: null,
        thresholds: null,
        sparkline: null,
        alertRules: [],
      }),
    ).toBe('time,value\r\n2026-10-25T10:00:00.000Z,3\r\n');
  });

  it('keeps a spreadsheet from running a label value as a formula', () => {
    const csv = panelCsv({
      type: 'table',
      ...common,
      query: 'up',
      unit: 'count',
      columns: ['job'],
      rows: [{ labels: { job: '=HYPERLINK("http://x")' }, value: -1 }],
      truncated: false,
    });
    expect(csv).toBe('job,value\r\n"\'=HYPERLINK(""http://x"")",-1\r\n');
  });
});

describe('csvFileName', () => {
  it('names the board, the panel and the time', () => {
    expect(csvFileName('demo', 'rps', new Date(T))).toBe('demo-rps-2026-10-25T10-00-00-000Z.csv');
  });
});
