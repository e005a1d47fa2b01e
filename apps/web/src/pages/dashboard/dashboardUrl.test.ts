import { describe, expect, it } from 'vitest';
import { decodeBoardState, encodeBoardState, type BoardState } from './dashboardUrl.ts';

const search = (params: Record<string, string | undefined>) =>
  new URLSearchParams(
    Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== undefined),
  ).toString();

describe('board state in the URL', () => {
  it.each<BoardState>([
    { variables: {}, timeZone: 'local', panel: null },
    { variables: { job: 'node', instance: '10.0.0.1:9100' }, timeZone: 'utc', panel: 'rps' },
    { variables: { job: '', route: '/api/orders?x=1&y="2"' }, timeZone: 'local', panel: null },
  ])('comes back as it went: %j', (state) => {
    expect(decodeBoardState(search(encodeBoardState(state)))).toEqual(state);
  });

  it('leaves defaults out of the URL', () => {
    expect(search(encodeBoardState({ variables: {}, timeZone: 'local', panel: null }))).toBe('');
  });

  it('drops a variable that is back to its default', () => {
    const params = encodeBoardState(
      { variables: { instance: 'a' }, timeZone: 'local', panel: null },
      { variables: { job: 'node', instance: 'b' } },
    );
    expect(params).toMatchObject({ 'var-job': undefined, 'var-instance': 'a' });
  });

  it('takes any variable name as data, __proto__ included', () => {
    const state = decodeBoardState('var-__proto__=x&var-job=a');
    expect(Object.keys(state.variables)).toEqual(['__proto__', 'job']);
    expect(Object.getPrototypeOf(state.variables)).toBe(Object.prototype);
  });

  it('ignores what is not its own, and a bad zone', () => {
    expect(decodeBoardState('range=1h&var-=x&tz=mars&panel=')).toEqual({
      variables: {},
      timeZone: 'local',
      panel: null,
    });
  });
});
