import { stringify } from 'yaml';

export interface ScrapeTargets {
  prometheus: string;
  node: string;
  postgres: string;
  demo: string;
  alertmanager: string;
}

export interface PrometheusConfigInput {
  scrapeInterval: string;
  evaluationInterval: string;
  targets: ScrapeTargets;
  ruleFiles: string[];
}

/** The embedded Prometheus's configuration: one job per stack component, rules, Alertmanager. */
export function prometheusConfig(input: PrometheusConfigInput): string {
  const job = (name: string, target: string) => ({
    job_name: name,
    static_configs: [{ targets: [target] }],
  });
  return stringify({
    global: {
      scrape_interval: input.scrapeInterval,
      evaluation_interval: input.evaluationInterval,
      external_labels: { monitor: 'promwall-stack' },
    },
    rule_files: input.ruleFiles,
    alerting: {
      alertmanagers: [{ static_configs: [{ targets: [input.targets.alertmanager] }] }],
    },
    scrape_configs: [
      job('prometheus', input.targets.prometheus),
      job('node', input.targets.node),
      job('postgres', input.targets.postgres),
      job('demo', input.targets.demo),
      job('alertmanager', input.targets.alertmanager),
    ],
  });
}
