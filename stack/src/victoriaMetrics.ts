import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { StackOptions } from './config.ts';
import { SetupError } from './packages.ts';
import { scrapeConfigs, stackScrapeTargets, type ScrapeTargets } from './prometheusConfig.ts';
import { httpReady } from './probe.ts';
import type { ServiceSpec } from './supervisor.ts';

/** Where Debian's `victoria-metrics` package (installed by `npm test`, not by `npm start`) puts it. */
export const victoriaMetricsBinary = '/usr/bin/victoria-metrics';

export function findVictoriaMetrics(path = victoriaMetricsBinary): string {
  if (!existsSync(path)) throw new SetupError(`${path} is missing; install the Debian package victoria-metrics.`);
  return path;
}

/** VictoriaMetrics's `-promscrape.config`: the same jobs as the stack's Prometheus, and only the
 * keys its strict parser knows (no `evaluation_interval`, `rule_files` or `alerting`; no
 * `external_labels` either, which VictoriaMetrics would store on every scraped series). */
export function victoriaMetricsScrapeConfig(scrapeInterval: string, targets: ScrapeTargets): string {
  return stringify({
    global: { scrape_interval: scrapeInterval },
    scrape_configs: scrapeConfigs(targets),
  });
}

/** Writes the scrape configuration into the data folder and returns its path. */
export function writeVictoriaMetricsScrapeConfig(options: StackOptions): string {
  const dir = join(options.dataDir, 'victoria-metrics');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'promscrape.yml');
  writeFileSync(
    path,
    victoriaMetricsScrapeConfig(options.scrapeInterval, stackScrapeTargets(options.host, options.ports)),
  );
  return path;
}

/** VictoriaMetrics single-node, scraping the stack's components like its Prometheus does: the
 * second Prometheus-API backend Promwall is tested against. */
export function victoriaMetricsService(options: StackOptions, binary = victoriaMetricsBinary): ServiceSpec {
  const url = `http://${options.host}:${options.ports.victoriaMetrics}`;
  return {
    name: 'victoria-metrics',
    title: 'VictoriaMetrics',
    command: binary,
    args: [
      `-httpListenAddr=${options.host}:${options.ports.victoriaMetrics}`,
      `-storageDataPath=${join(options.dataDir, 'victoria-metrics', 'data')}`,
      '-retentionPeriod=15d',
      `-promscrape.config=${writeVictoriaMetricsScrapeConfig(options)}`,
      // Refuse (rather than silently skip) a key it does not support, so a config drifting
      // towards Prometheus-only keys fails at start instead of scraping less than intended.
      '-promscrape.config.strictParse=true',
      // By default queries do not see the last 30 s, so freshly scraped samples stay invisible
      // and instant queries at "now" come back empty: show samples as soon as they are stored.
      '-search.latencyOffset=0s',
      // No response cache: a range query repeated seconds later must see the newest samples.
      '-search.disableCache',
    ],
    ready: () =>
      httpReady(
        `${url}/api/v1/query?query=1`,
        (body) => (JSON.parse(body) as { status?: string }).status === 'success',
      ),
  };
}
