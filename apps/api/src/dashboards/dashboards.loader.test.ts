import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CATALOGUE_HEADLINES, dashboardIdOf, parseDashboard } from './dashboards.loader.ts';

const shipped = fileURLToPath(new URL('../../../../dashboards/', import.meta.url));

const valid = `
title: Demo
rows:
  - panels:
      - id: rps
        type: stat
        title: Requests/s
        query: sum(rate(app_request_total[1m]))
`;

function messageOf(file: string, text: string): string {
  const parsed = parseDashboard(file, text);
  if (parsed.ok) throw new Error('expected the file to be refused');
  return parsed.message;
}

describe('dashboardIdOf', () => {
  it('takes the id from a .yml or .yaml file name, and ignores other files', () => {
    expect(dashboardIdOf('demo-service.yml')).toBe('demo-service');
    expect(dashboardIdOf('demo.yaml')).toBe('demo');
    expect(dashboardIdOf('README.md')).toBeUndefined();
    expect(dashboardIdOf('demo.yml.swp')).toBeUndefined();
    expect(dashboardIdOf('.#demo.yml')).toBeUndefined();
  });
});

describe('parseDashboard', () => {
  it('loads every board shipped in dashboards/', () => {
    const files = readdirSync(shipped).filter((name) => dashboardIdOf(name));
    expect(files).toEqual(expect.arrayContaining(['overview.yml', 'demo-service.yml']));
    for (const file of files) {
      const parsed = parseDashboard(file, readFileSync(`${shipped}${file}`, 'utf8'));
      expect(parsed.ok ? 'ok' : parsed.message).toBe('ok');
    }
  });

  it('gives the same version to the same text and a new one to any change', () => {
    const first = parseDashboard('demo.yml', valid);
    const again = parseDashboard('demo.yml', valid);
    const changed = parseDashboard('demo.yml', valid.replace('Demo', 'Demo 2'));
    expect(first.ok && again.ok && changed.ok).toBe(true);
    if (!first.ok || !again.ok || !changed.ok) return;
    expect(again.version).toBe(first.version);
    expect(changed.version).not.toBe(first.version);
  });

  it('names the file, the panel by its id and the key', () => {
    expect(messageOf('demo.yml', valid.replace('sum(rate(app_request_total[1m]))', 'sum(rate('))).toBe(
      'demo.yml: panel "rps" (rows[0].panels[0]): query: not valid PromQL at 1:10 (unexpected end of query)',
    );
    expect(messageOf('demo.yml', `${valid}        colour: red\n`)).toBe(
      'demo.yml: panel "rps" (rows[0].panels[0]): Unrecognized key: "colour"',
    );
    expect(messageOf('demo.yml', valid.replace('title: Demo', 'title: ""'))).toBe('demo.yml: title: must not be empty');
  });

  it('gives the line and column of a YAML error', () => {
    expect(messageOf('demo.yml', 'title: Demo\nrows: [\n')).toMatch(/^demo\.yml: line \d+, column \d+: not valid YAML/);
    expect(messageOf('demo.yml', 'title: a\ntitle: b\nrows: []\n')).toMatch(
      /^demo\.yml: line 2, column 1: not valid YAML/,
    );
  });

  it('refuses what is not a board: other shapes, bad names, huge files, alias bombs', () => {
    expect(messageOf('demo.yml', '- a\n- b\n')).toBe('demo.yml: must be a YAML mapping with a title and rows');
    expect(messageOf('demo.yml', '')).toBe('demo.yml: must be a YAML mapping with a title and rows');
    expect(messageOf('my board.yml', valid)).toMatch(/^my board\.yml: the file name must be/);
    expect(messageOf('big.yml', `${valid}#${'x'.repeat(600 * 1024)}\n`)).toBe('big.yml: larger than 512 KiB');
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 0; i < 8; i++)
      bomb.push(
        `${'b'.repeat(i + 1)}: &${'b'.repeat(i + 1)} [${Array(10)
          .fill(`*${i === 0 ? 'a' : 'b'.repeat(i)}`)
          .join(', ')}]`,
      );
    expect(messageOf('bomb.yml', bomb.join('\n'))).toMatch(/^bomb\.yml: .*(alias|Excessive)/i);
  });

  describe('a stat naming a headline metric', () => {
    const board = (panel: string) => `title: Demo\nrows:\n  - panels:\n      - ${panel}\n`;
    const headlines = {
      ...CATALOGUE_HEADLINES,
      dbConnections: {
        query: 'sum(pg_stat_activity_count)',
        unit: 'count' as const,
        thresholds: { warning: 30, critical: 40 },
        alerts: ['DatabaseConnectionHigh'],
      },
    };
    const statOf = (panel: string) => {
      const parsed = parseDashboard('demo.yml', board(panel), headlines);
      if (!parsed.ok) throw new Error(parsed.message);
      return parsed.definition.rows[0]!.panels[0];
    };

    it('takes the configured title, query, unit, thresholds and alert rules', () => {
      expect(statOf('{ id: db, type: stat, metric: dbConnections }')).toMatchObject({
        title: 'DB connections',
        query: 'sum(pg_stat_activity_count)',
        unit: 'count',
        thresholds: { warning: 30, critical: 40 },
        alerts: ['DatabaseConnectionHigh'],
      });
    });

    it('keeps what the panel sets itself', () => {
      expect(
        statOf(
          '{ id: db, type: stat, metric: dbConnections, title: Pool, thresholds: { warning: 5, critical: 9 }, alerts: [] }',
        ),
      ).toMatchObject({
        title: 'Pool',
        query: 'sum(pg_stat_activity_count)',
        thresholds: { warning: 5, critical: 9 },
        alerts: [],
      });
    });

    it('refuses an unknown metric, and a stat with neither a metric nor a query, by key', () => {
      const at = 'demo.yml: panel "db" (rows[0].panels[0]): ';
      expect(messageOf('demo.yml', board('{ id: db, type: stat, title: DB, query: up, metric: toString }'))).toBe(
        `${at}metric: Invalid option: expected one of "cpu"|"memory"|"dbConnections"|"rps"|"latencyP95"`,
      );
      expect(messageOf('demo.yml', board('{ id: db, type: stat, title: DB }'))).toBe(
        `${at}query: Invalid input: expected string, received undefined`,
      );
    });
  });
});
