import { stringify } from 'yaml';
import type { StackPorts } from './config.ts';

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

/** The stack's scrape targets: each component at `host:port`. */
export function stackScrapeTargets(host: string, ports: StackPorts): ScrapeTargets {
  const at = (port: number) => `${host}:${port}`;
  return {
    prometheus: at(ports.prometheus),
    node: at(ports.nodeExporter),
    postgres: at(ports.postgresExporter),
    demo: at(ports.demo),
    alertmanager: at(ports.alertmanager),
  };
}

/** One scrape job per stack component; shared by Prometheus and VictoriaMetrics. */
export function scrapeConfigs(targets: ScrapeTargets): { job_name: string; static_configs: { targets: string[] }[] }[] {
  const job = (name: string, target: string) => ({
    job_name: name,
    static_configs: [{ targets: [target] }],
  });
  return [
    job('prometheus', targets.prometheus),
    job('node', targets.node),
    job('postgres', targets.postgres),
    job('demo', targets.demo),
    job('alertmanager', targets.alertmanager),
  ];
}

/** The embedded Prometheus's configuration: one job per stack component, rules, Alertmanager. */
export function prometheusConfig(input: PrometheusConfigInput): string {
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
    scrape_configs: scrapeConfigs(input.targets),
  });
}
