import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SetupError } from '../src/packages.ts';
import { startStack } from '../src/stack.ts';
import { ServiceFailed } from '../src/supervisor.ts';
import { testStackOptions } from './testStack.ts';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

function occupy(port: number): Promise<void> {
  const server = createServer();
  servers.push(server);
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
}

describe('bad set-up', () => {
  it('refuses to start when a port is taken, naming the port and its variable, and starts nothing', async () => {
    const options = await testStackOptions('port-taken');
    await occupy(options.ports.prometheus);
    const start = startStack(options);
    await expect(start).rejects.toThrow(SetupError);
    await expect(start).rejects.toThrow(
      `port ${options.ports.prometheus} (prometheus) on 127.0.0.1 is already in use; choose another with PROMWALL_PROMETHEUS_PORT=`,
    );
    // Checked before the data folder is even created.
    expect(() => readdirSync(options.dataDir)).toThrow();
  });

  it('refuses a data folder from another layout with the command that clears it', async () => {
    const options = await testStackOptions('old-layout');
    mkdirSync(options.dataDir, { recursive: true });
    writeFileSync(join(options.dataDir, 'promwall-stack.json'), '{"layout":0}\n');
    await expect(startStack(options)).rejects.toThrow(`rm -rf ${options.dataDir}`);
    rmSync(options.dataDir, { recursive: true, force: true });
  });

  it('refuses a PostgreSQL cluster of another major version', async () => {
    const options = await testStackOptions('old-postgres');
    mkdirSync(join(options.dataDir, 'postgres', 'data'), { recursive: true });
    writeFileSync(join(options.dataDir, 'promwall-stack.json'), '{"layout":1}\n');
    writeFileSync(join(options.dataDir, 'postgres', 'data', 'PG_VERSION'), '9.6\n');
    await expect(startStack(options)).rejects.toThrow(/holds a PostgreSQL 9\.6 cluster.*\n.*rm -rf/);
    rmSync(options.dataDir, { recursive: true, force: true });
  });

  it('reports a component that exits at start with the log lines of this run only', async () => {
    const options = await testStackOptions('bad-flag');
    await expect(startStack(options, { prometheusArgs: ['--no-such-flag'] })).rejects.toThrow(/no-such-flag/);

    const error = await startStack(options, { prometheusArgs: ['--other-bad-flag'] }).catch((caught) => caught);
    expect(error).toBeInstanceOf(ServiceFailed);
    expect(error.message).toMatch(
      /^Prometheus did not come up: exited with code 1\n--- last lines of this run, from .*prometheus\.log ---\n[\s\S]*other-bad-flag/,
    );
    expect(error.logTail).not.toContain('no-such-flag');
    // Both runs are in the one log; the report shows the second.
    const log = readFileSync(join(options.dataDir, 'logs', 'prometheus.log'), 'utf8');
    expect(log).toContain('no-such-flag');
    expect(log).toContain('other-bad-flag');
    rmSync(options.dataDir, { recursive: true, force: true });
  });
});
