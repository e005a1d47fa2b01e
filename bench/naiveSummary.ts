import { createServer, type Server } from 'node:http';
import { pathToFileURL } from 'node:url';
import { headlineKeys, headlineMetrics, type HeadlineKey } from '@promwall/core/headline';

/** The baseline's only route, named as in the seed notes' Flask app. */
export const naiveSummaryPath = '/api/metrics/summary';

interface InstantQueryBody {
  data: { result: { value: [number, string] }[] };
}

/**
 * The seed notes' Flask dashboard endpoint (seed 002 §10), ported as it is written: every request
 * sends the headline queries one after another, keeps `result[0]` and turns "no data" into 0. No
 * cache, no sharing between concurrent requests. It is the baseline Promwall's summary is measured
 * against, so it takes Promwall's own headline queries to ask Prometheus for the same work.
 */
export function createNaiveSummaryServer(prometheusUrl: string): Server {
  return createServer((req, res) => {
    if (req.method !== 'GET' || req.url !== naiveSummaryPath) {
      res.writeHead(404).end();
      return;
    }
    summarize(prometheusUrl).then(
      (metrics) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(metrics)),
      (error: unknown) => res.writeHead(500, { 'Content-Type': 'text/plain' }).end(String(error)),
    );
  });
}

async function summarize(prometheusUrl: string): Promise<Record<HeadlineKey, number>> {
  const metrics: Partial<Record<HeadlineKey, number>> = {};
  for (const key of headlineKeys) metrics[key] = await firstValue(prometheusUrl, headlineMetrics[key].query);
  return metrics as Record<HeadlineKey, number>;
}

async function firstValue(prometheusUrl: string, query: string): Promise<number> {
  const response = await fetch(`${prometheusUrl}/api/v1/query?${new URLSearchParams({ query })}`);
  const body = (await response.json()) as InstantQueryBody;
  const first = body.data.result[0];
  return first ? Number(first.value[1]) : 0;
}

// Run as its own process (`node --import tsx bench/naiveSummary.ts`), as Promwall is, so that
// neither server shares an event loop with the load generator.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { PROMETHEUS_URL: prometheusUrl, HOST: host = '127.0.0.1', PORT: port } = process.env;
  if (!prometheusUrl || !port) {
    console.error('usage: PROMETHEUS_URL=http://127.0.0.1:9090 PORT=8080 node --import tsx bench/naiveSummary.ts');
    process.exit(2);
  }
  const server = createNaiveSummaryServer(prometheusUrl).listen(Number(port), host);
  process.once('SIGTERM', () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
