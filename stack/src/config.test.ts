import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testStackOptions } from '../test/testStack.ts';
import { ConfigError, defaultPorts, stackOptionsFromEnv } from './config.ts';

describe('stackOptionsFromEnv', () => {
  it('uses ports away from the components’ usual defaults', () => {
    const options = stackOptionsFromEnv({});
    expect(options.ports).toEqual(defaultPorts);
    const usual = [9090, 9093, 9100, 9187, 5432];
    for (const port of Object.values(options.ports)) expect(usual).not.toContain(port);
    expect(options.host).toBe('127.0.0.1');
    expect(options.dataDir).toMatch(/\/\.data$/);
  });

  it('keeps the test suite’s throwaway stacks out of that data folder, so npm start after npm test finds it as it left it', async () => {
    const started = stackOptionsFromEnv({}).dataDir;
    const tested = (await testStackOptions('e2e')).dataDir;
    expect(relative(started, tested).startsWith('..')).toBe(true);
  });

  it('takes each port, the listen address and the data folder from the environment', () => {
    const options = stackOptionsFromEnv({
      PORT: '9000',
      HOST: '0.0.0.0',
      PROMWALL_PROMETHEUS_PORT: '29090',
      PROMWALL_POSTGRES_PORT: '25432',
      PROMWALL_DATA_DIR: '/var/tmp/pw',
    });
    expect(options.ports.promwall).toBe(9000);
    expect(options.ports.prometheus).toBe(29090);
    expect(options.ports.postgres).toBe(25432);
    expect(options.promwallHost).toBe('0.0.0.0');
    expect(options.host).toBe('127.0.0.1');
    expect(options.dataDir).toBe('/var/tmp/pw');
  });

  it('names every bad variable on a line of its own', () => {
    const env = { PORT: 'eighty', PROMWALL_DEMO_PORT: '70000', PROMWALL_SCRAPE_INTERVAL: 'often' };
    expect(() => stackOptionsFromEnv(env)).toThrow(ConfigError);
    const message = (() => {
      try {
        return String(stackOptionsFromEnv(env));
      } catch (error) {
        return (error as Error).message;
      }
    })();
    const named = message
      .split('\n')
      .map((line) => line.split(':')[0])
      .sort();
    expect(named).toEqual(['PORT', 'PROMWALL_DEMO_PORT', 'PROMWALL_SCRAPE_INTERVAL']);
  });

  it('refuses two components on one port', () => {
    expect(() => stackOptionsFromEnv({ PROMWALL_DEMO_PORT: '19090' })).toThrow(
      'PROMWALL_DEMO_PORT: port 19090 is also used by prometheus (PROMWALL_PROMETHEUS_PORT)',
    );
  });
});
