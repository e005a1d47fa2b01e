import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePorts, httpReady, repoRoot, Supervisor, type Stack } from '@promwall/stack';
import { eventually, startTestStack } from '@promwall/stack/testing';
import { startApi, type RunningApi } from './support/api.ts';

// vmalert, from Debian's victoria-metrics package, with Promwall's pass-through as its
// datasource: a second real Prometheus client beside promtool, evaluating the stack's alert rules.

const VMALERT = '/usr/bin/vmalert';
const STACK_RULES = join(repoRoot, 'stack', 'config', 'alert-rules.yml');
const STACK_RULE_NAMES = ['DatabaseConnectionHigh', 'HighCPUUsage', 'HighRequestLatency', 'InstanceDown'];

/**
 * A group whose requests Promwall refuses: vmalert adds a group's params to every query, and a
 * parameter name with a digit is not one Prometheus knows.
 */
const REFUSED_RULES = `groups:
  - name: refused-by-promwall
    interval: 1s
    params:
      x1: ["1"]
    rules:
      - alert: RefusedByPromwall
        expr: up == 0
`;

interface VmalertRule {
  name: string;
  health: string;
  lastError: string;
  lastEvaluation: string;
}

let stack: Stack;
let api: RunningApi;
let vmalert: Supervisor;
let vmalertUrl: string;

async function rules(): Promise<Map<string, VmalertRule>> {
  const response = await fetch(`${vmalertUrl}/api/v1/rules`);
  const body = (await response.json()) as { data: { groups: { rules: VmalertRule[] }[] } };
  return new Map(body.data.groups.flatMap((group) => group.rules).map((rule) => [rule.name, rule]));
}

beforeAll(async () => {
  if (!existsSync(VMALERT)) throw new Error(`${VMALERT} is missing; install the Debian package victoria-metrics`);
  ({ stack } = await startTestStack('vmalert', { withoutPromwall: true }));
  api = await startApi({ PROMETHEUS_URL: stack.urls.prometheus, PROMWALL_CACHE_TTL: '1s' });
  const dir = mkdtempSync(join(tmpdir(), 'promwall-vmalert-'));
  const refusedRules = join(dir, 'refused.yml');
  writeFileSync(refusedRules, REFUSED_RULES);
  const [port] = await freePorts(1);
  vmalertUrl = `http://127.0.0.1:${port}`;
  vmalert = new Supervisor(dir);
  await vmalert.start({
    name: 'vmalert',
    command: VMALERT,
    args: [
      `-datasource.url=${api.url}/api/prom`,
      `-rule=${STACK_RULES}`,
      `-rule=${refusedRules}`,
      `-notifier.url=${stack.urls.alertmanager}`,
      `-httpListenAddr=127.0.0.1:${port}`,
      '-evaluationInterval=1s',
    ],
    ready: () => httpReady(`${vmalertUrl}/-/healthy`),
  });
});

afterAll(async () => {
  await vmalert?.stopAll();
  await api?.close();
  await stack?.stop();
});

describe('vmalert with /api/prom as its datasource', () => {
  it('evaluates every rule of the stack without an error', async () => {
    const evaluated = await eventually(
      async () => {
        const all = await rules();
        const stackRules = STACK_RULE_NAMES.map((name) => all.get(name));
        return stackRules.every((rule) => rule && rule.health === 'ok' && !rule.lastEvaluation.startsWith('0001'))
          ? stackRules
          : undefined;
      },
      30_000,
      'vmalert to evaluate the stack rules',
    );

    for (const rule of evaluated) expect(rule!.lastError, rule!.name).toBe('');
  });

  it('shows the message of a request Promwall refused', async () => {
    const refused = await eventually(
      async () => {
        const rule = (await rules()).get('RefusedByPromwall');
        return rule?.lastError ? rule : undefined;
      },
      30_000,
      'vmalert to report the refusal',
    );

    expect(refused.health).toBe('err');
    expect(refused.lastError).toContain('400');
    expect(refused.lastError).toContain('"errorType":"bad_data"');
    expect(refused.lastError).toContain('Parameter names are letters, _ and [] (got \\"x1\\")');
    const metrics = await (await fetch(`${api.url}/metrics`)).text();
    expect(metrics).toMatch(/promwall_rejected_requests_total\{reason="bad_param"\} [1-9]/);
  });
});
