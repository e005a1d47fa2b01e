import { describe, expect, it } from 'vitest';
import { canonicalParams, checkParams } from './params.ts';

describe('checkParams', () => {
  it.each([
    '',
    'query=up',
    'query=sum%20by%20(job)%20(rate(http_requests_total%5B5m%5D))&time=1700000000',
    'query=up{job="api"}',
    'query=a+b',
    'query=&time=',
    'query',
    'query=up&&time=1&',
    'match[]=up&match[]=process_start_time_seconds&start=1&end=2',
    'match%5B%5D=up&match%5B%5D=node_load1',
    'match%5B%5D=up&match[]=node_load1',
    'rule_name[]=a&rule_name[]=b&rule_group[]=c&rule_group[]=d&file[]=e&file[]=f&type=alert',
    'query=%E2%9C%93',
    'quer%79=up',
  ])('accepts the query string %j', (query) => {
    expect(checkParams({ query })).toBeUndefined();
  });

  it.each([
    'query=up&query=down',
    'time=1&time=2',
    'query=up&quer%79=down',
    'query=up&query',
    'step=15&step=15',
    'limit[]=1&limit[]=2',
  ])('refuses the repeated parameter in %j', (query) => {
    expect(checkParams({ query })?.reason).toBe('duplicate_param');
  });

  it.each([
    ['query', 'query=up', 'query=down'],
    ['time', 'time=1', 'query=up&time=2'],
    ['query, encoded in the body', 'query=up', 'quer%79=down'],
  ])('refuses %s given both in the URL and in the body', (_what, query, form) => {
    expect(checkParams({ query, form })).toEqual({
      reason: 'duplicate_param',
      message: expect.stringContaining('once'),
    });
  });

  it('accepts match[] in both the URL and the body, as Prometheus reads both', () => {
    expect(checkParams({ query: 'match[]=up', form: 'match[]=node_load1&start=1' })).toBeUndefined();
  });

  it('accepts different parameters split between the URL and the body', () => {
    expect(checkParams({ query: 'time=1', form: 'query=up' })).toBeUndefined();
  });

  it.each([
    ['a digit', 'query2=up'],
    ['a dot', 'query.x=up'],
    ['a dash', 'query-x=up'],
    ['an empty name', '=up'],
    ['an encoded dot', 'query%2Ex=up'],
    ['an encoded NUL', 'query%00=up'],
    ['a space', 'que+ry=up'],
  ])('refuses a parameter name with %s', (_what, query) => {
    expect(checkParams({ query })?.reason).toBe('bad_param');
  });

  it.each([
    ['a bad %-escape', 'query=%zz'],
    ['a truncated %-escape', 'query=up%2'],
    ['an escape that is not UTF-8', 'query=%C3%28'],
    ['a ; separator', 'query=up;time=1'],
    ['a raw space', 'query=up down'],
    ['a raw non-ASCII character', 'query=ü'],
    ['a raw control character', 'query=up\n'],
    ['a fragment', 'query=up#x'],
  ])('refuses a query string with %s', (_what, query) => {
    expect(checkParams({ query })?.reason).toBe('bad_param');
  });

  it('refuses a form body with a bad %-escape', () => {
    expect(checkParams({ query: '', form: 'query=%G0' })).toEqual({
      reason: 'bad_param',
      message: expect.stringContaining('form body'),
    });
  });

  it('accepts raw UTF-8 in a form body, as Go does', () => {
    expect(checkParams({ query: '', form: 'query=up{job="ü"}' })).toBeUndefined();
  });
});

describe('canonicalParams', () => {
  it.each([
    ['order', { query: 'time=1&query=up' }, { query: 'query=up&time=1' }],
    ['escapes', { query: 'query=sum%20(up)' }, { query: 'query=sum+(up)' }],
    ['URL against body', { query: 'time=1', form: 'query=up' }, { query: 'query=up&time=1' }],
    ['an escaped bracket', { query: 'match%5B%5D=up' }, { query: 'match[]=up' }],
  ])('reads requests that differ only in %s as one', (_what, a, b) => {
    expect(canonicalParams(a)).toBe(canonicalParams(b));
  });

  it.each([
    ['another value', { query: 'query=up&time=1' }, { query: 'query=up&time=2' }],
    ['an explicit time', { query: 'query=up' }, { query: 'query=up&time=1' }],
    ['match[] in another order', { query: 'match[]=a&match[]=b' }, { query: 'match[]=b&match[]=a' }],
    ['a value holding a separator', { query: 'query=a%26time%3D1' }, { query: 'query=a&time=1' }],
  ])('keeps requests that differ in %s apart', (_what, a, b) => {
    expect(canonicalParams(a)).not.toBe(canonicalParams(b));
  });
});
