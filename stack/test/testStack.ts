import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { StackOptions, StackPorts } from '../src/config.ts';
import { repoRoot } from '../src/paths.ts';
import { freePorts } from '../src/ports.ts';
import { startStack, type Stack, type StartOptions } from '../src/stack.ts';

/** Options for a throwaway stack: free loopback ports, a fresh data folder, 1 s scrapes. */
export async function testStackOptions(name: string): Promise<StackOptions> {
  const keys: (keyof StackPorts)[] = [
    'promwall',
    'prometheus',
    'alertmanager',
    'nodeExporter',
    'postgresExporter',
    'postgres',
    'demo',
    'victoriaMetrics',
  ];
  const ports = await freePorts(keys.length);
  // Beside the stack's own data folder, never in it: `npm start` after `npm test` finds `.data/`
  // as it left it.
  const dataDir = join(repoRoot, '.data-test', name);
  rmSync(dataDir, { recursive: true, force: true });
  return {
    dataDir,
    host: '127.0.0.1',
    promwallHost: '127.0.0.1',
    ports: Object.fromEntries(keys.map((key, i) => [key, ports[i]])) as unknown as StackPorts,
    scrapeInterval: '1s',
    evaluationInterval: '1s',
    demoCycleSeconds: 60,
  };
}

export async function startTestStack(
  name: string,
  start: StartOptions = {},
): Promise<{ stack: Stack; options: StackOptions }> {
  const options = await testStackOptions(name);
  return { stack: await startStack(options, start), options };
}
