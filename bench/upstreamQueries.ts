/** Every instant query Prometheus has answered, from its own request counter. */
const counterQuery = 'sum(prometheus_http_requests_total{handler="/api/v1/query"})';

interface CounterBody {
  status: string;
  data?: { result: { value: [number, string] }[] };
}

/**
 * Reads Prometheus's instant-query counter through its API. The value is the one of the last
 * self-scrape, so callers read it only after the traffic has been quiet for longer than the scrape
 * interval: then the scrape lag drops out of the difference between two readings.
 */
export async function instantQueriesServed(prometheusUrl: string): Promise<number> {
  const response = await fetch(`${prometheusUrl}/api/v1/query?${new URLSearchParams({ query: counterQuery })}`);
  const body = (await response.json()) as CounterBody;
  const sample = body.data?.result[0];
  if (body.status !== 'success' || !sample)
    throw new Error(`Prometheus has no ${counterQuery} yet (status ${response.status})`);
  return Number(sample.value[1]);
}
