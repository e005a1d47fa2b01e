// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { decodeExploreState, encodeExploreState, type ExploreState } from './exploreUrl.ts';

function roundTrip(state: ExploreState): ExploreState {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(encodeExploreState(state)))
    if (value !== undefined) params.set(name, value);
  return decodeExploreState(`?${params}`);
}

describe('Explore state in the URL', () => {
  it.each<ExploreState>([
    { expr: 'up', tab: 'table' },
    { expr: 'sum by (job) (rate(app_request_total{status=~"5.."}[5m]))', tab: 'graph' },
    { expr: 'a + b & c # comment\n/ 2', tab: 'graph' },
    { expr: 'label_values{name="é ü 日本"}', tab: 'table' },
    { expr: '', tab: 'table' },
    { expr: '', tab: 'graph' },
  ])('survives encode and decode: %j', (state) => {
    expect(roundTrip(state)).toEqual(state);
  });

  it('leaves the default tab and an empty expression out of the URL', () => {
    expect(encodeExploreState({ expr: '  ', tab: 'table' })).toEqual({ expr: undefined, tab: undefined });
    expect(encodeExploreState({ expr: 'up', tab: 'graph' })).toEqual({ expr: 'up', tab: 'graph' });
  });

  it('reads a link without Explore parameters as an empty table', () => {
    expect(decodeExploreState('?range=1h')).toEqual({ expr: '', tab: 'table' });
  });

  it('falls back to the table for an unknown tab', () => {
    expect(decodeExploreState('?expr=up&tab=heatmap')).toEqual({ expr: 'up', tab: 'table' });
  });

  it('reads an expression encoded with + for spaces, as forms write it', () => {
    expect(decodeExploreState('?expr=sum+by+(job)+(up)').expr).toBe('sum by (job) (up)');
  });
});
