/** Summary requests that waited for an upstream round: a new one (miss) or one in flight (coalesced). */
const WAITS = /^promwall_cache_events_total\{cache="summary",result="(miss|coalesced)"\} (\d+)$/gm;

/** Reads Promwall's own count of summary requests that waited on the upstream. */
export async function summaryWaits(promwallUrl: string): Promise<number> {
  const text = await (await fetch(`${promwallUrl}/metrics`)).text();
  let waits = 0;
  for (const [, , count] of text.matchAll(WAITS)) waits += Number(count);
  return waits;
}
