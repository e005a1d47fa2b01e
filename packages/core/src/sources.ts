import { parser } from '@prometheus-io/lezer-promql';
import { PromQLSyntaxError } from './promql.ts';

/**
 * How far back the series a value reads are looked for when naming its sources. A dead target's
 * series end at its last scrape, so its sources query keeps naming it, as down, this long after;
 * past it the value has no known source and reads as "no data".
 */
export const SOURCES_WINDOW = '15m';

/** The vector selectors of `query` as written (matchers included; ranges, offsets and `@` not),
 * each once, in order. */
export function vectorSelectors(query: string): string[] {
  const selectors = new Set<string>();
  parser.parse(query).iterate({
    enter(node) {
      if (node.type.isError) throw new PromQLSyntaxError(`invalid PromQL at position ${node.from}: ${query}`);
      if (node.name !== 'VectorSelector') return;
      selectors.add(query.slice(node.from, node.to));
      return false;
    },
  });
  return [...selectors];
}

/**
 * PromQL that answers, as `up` series (1 up, 0 down), the scrape targets whose series `query`
 * reads: every target whose `job` and `instance` labels appear on a series of one of its
 * selectors within `window`. Undefined for a query that reads no series (`vector(1)`).
 *
 * Series that carry no target's labels (recording rules aggregated past them, pushed metrics)
 * match no `up` series: such a value has no known source, never a false "down".
 */
export function sourcesQuery(query: string, window = SOURCES_WINDOW): string | undefined {
  const selectors = vectorSelectors(query);
  if (selectors.length === 0) return undefined;
  const seen = selectors.map((selector) => `last_over_time(${selector}[${window}])`).join(' or ');
  return `up and on (job, instance) (${seen})`;
}
