import { describe, expect, it } from 'vitest';
import { rewriteQuery } from './grafana.query.ts';

const variables = new Map([
  ['job', { label: 'job' }],
  ['node', { label: 'instance' }],
]);

describe('rewriteQuery', () => {
  it.each([
    ['up{job="$job"}', 'up', ['job']],
    [
      'rate(x{job="$job", instance=~"$node", mode="idle"}[$__rate_interval])',
      'rate(x{mode="idle"}[5m])',
      ['job', 'node'],
    ],
    ['sum(rate(x{instance="${node}"}[$__interval])) by (mode)', 'sum(rate(x[1m])) by (mode)', ['node']],
    ['x{instance=~"[[node]]"} / y{instance="${node:regex}"}', 'x / y', ['node']],
    [
      'label_replace(up, "host", "$1", "instance", "(.*):.*")',
      'label_replace(up, "host", "$1", "instance", "(.*):.*")',
      [],
    ],
  ])('takes the variable matchers out of %s', (input, query, used) => {
    expect(rewriteQuery(input, variables)).toEqual({ ok: true, query, variables: used });
  });

  it.each([
    ['x{instance="$host:$port"}', 'uses $host outside a label matcher'],
    ['sum by ($label) (x)', 'uses $label outside a label matcher'],
    ['x{job="$other"}', 'job="$other" uses $other, which is not a query variable of the board'],
    ['x{job!="$job"}', 'job!="$job": a negated matcher on a variable has no Promwall equivalent'],
    ['x{host="$node"}', 'host="$node" matches $node on host, but the variable offers values of instance'],
    ['{job="$job"}', 'a selector made only of variable matchers would match every series'],
    ['sum(rate(x[5m]', 'not valid PromQL once Grafana’s macros are replaced'],
    ['', 'the query is empty'],
  ])('refuses %s', (input, reason) => {
    expect(rewriteQuery(input, variables)).toEqual({ ok: false, reason });
  });
});
