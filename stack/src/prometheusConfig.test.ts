import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { prometheusConfig } from './prometheusConfig.ts';

describe('prometheusConfig', () => {
  const config = parse(
    prometheusConfig({
      scrapeInterval: '1s',
      evaluationInterval: '2s',
      ruleFiles: ['/rules.yml'],
      targets: {
        prometheus: '127.0.0.1:1',
        node: '127.0.0.1:2',
        postgres: '127.0.0.1:3',
        demo: '127.0.0.1:4',
        alertmanager: '127.0.0.1:5',
      },
    }),
  ) as {
    global: Record<string, unknown>;
    rule_files: string[];
    alerting: { alertmanagers: { static_configs: { targets: string[] }[] }[] };
    scrape_configs: { job_name: string; static_configs: { targets: string[] }[] }[];
  };

  it('scrapes one job per component at its address', () => {
    const jobs = Object.fromEntries(config.scrape_configs.map((job) => [job.job_name, job.static_configs[0]?.targets]));
    expect(jobs).toEqual({
      prometheus: ['127.0.0.1:1'],
      node: ['127.0.0.1:2'],
      postgres: ['127.0.0.1:3'],
      demo: ['127.0.0.1:4'],
      alertmanager: ['127.0.0.1:5'],
    });
  });

  it('sets the intervals, loads the rules and sends alerts to Alertmanager', () => {
    expect(config.global).toMatchObject({ scrape_interval: '1s', evaluation_interval: '2s' });
    expect(config.rule_files).toEqual(['/rules.yml']);
    expect(config.alerting.alertmanagers[0]?.static_configs[0]?.targets).toEqual(['127.0.0.1:5']);
  });
});
