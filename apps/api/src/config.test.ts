import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

const minimalEnv = { PROMETHEUS_URL: 'http://127.0.0.1:9090' };

function problemsOf(env: Record<string, string | undefined>): readonly string[] {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
  throw new Error('expected loadConfig to throw');
}

describe('loadConfig', () => {
  it('applies the defaults when only PROMETHEUS_URL is set', () => {
    const config = loadConfig(minimalEnv);

    expect(config).toEqual({
      prometheusUrl: 'http://127.0.0.1:9090',
      alertmanagerUrl: undefined,
      host: '127.0.0.1',
      port: 8470,
      webDir: expect.any(String),
      logLevel: 'info',
    });
    expect(config.webDir.endsWith(path.join('apps', 'web', 'dist'))).toBe(true);
  });

  it('reads every setting from the environment', () => {
    const config = loadConfig({
      PROMETHEUS_URL: 'https://prometheus.example.com/prom/',
      ALERTMANAGER_URL: 'http://127.0.0.1:9093',
      HOST: '0.0.0.0',
      PORT: '9000',
      PROMWALL_WEB_DIR: '/srv/promwall/web',
      LOG_LEVEL: 'debug',
    });

    expect(config).toEqual({
      prometheusUrl: 'https://prometheus.example.com/prom',
      alertmanagerUrl: 'http://127.0.0.1:9093',
      host: '0.0.0.0',
      port: 9000,
      webDir: '/srv/promwall/web',
      logLevel: 'debug',
    });
  });

  it('resolves a relative PROMWALL_WEB_DIR against the working directory', () => {
    const config = loadConfig({ ...minimalEnv, PROMWALL_WEB_DIR: 'web-build' });

    expect(config.webDir).toBe(path.resolve('web-build'));
  });

  it('treats empty values as unset', () => {
    const config = loadConfig({ ...minimalEnv, PORT: '', HOST: '', ALERTMANAGER_URL: '' });

    expect(config.port).toBe(8470);
    expect(config.host).toBe('127.0.0.1');
    expect(config.alertmanagerUrl).toBeUndefined();
  });

  it('accepts port 0 so the system can pick a free port', () => {
    expect(loadConfig({ ...minimalEnv, PORT: '0' }).port).toBe(0);
  });

  it('reports a missing PROMETHEUS_URL', () => {
    expect(problemsOf({})).toEqual([expect.stringMatching(/^PROMETHEUS_URL: is required/)]);
  });

  it.each([
    ['PROMETHEUS_URL', 'ftp://prometheus:9090', 'must be an http:// or https:// URL'],
    ['PROMETHEUS_URL', 'prometheus:9090', 'must be an http:// or https:// URL'],
    ['ALERTMANAGER_URL', 'not a url', 'must be an http:// or https:// URL'],
    ['PORT', 'eighty', 'must be an integer from 0 to 65535'],
    ['PORT', '65536', 'must be an integer from 0 to 65535'],
    ['PORT', '-1', 'must be an integer from 0 to 65535'],
    ['PORT', '80.5', 'must be an integer from 0 to 65535'],
    ['LOG_LEVEL', 'verbose', 'must be one of fatal, error, warn, info, debug, trace, silent'],
  ])('reports %s=%j as "%s"', (key, value, message) => {
    expect(problemsOf({ ...minimalEnv, [key]: value })).toEqual([`${key}: ${message}`]);
  });

  it('reports every bad key, one line each', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'x', LOG_LEVEL: 'loud', ALERTMANAGER_URL: 'nope' });
    } catch (err) {
      error = err;
    }

    expect(error).toBeInstanceOf(ConfigError);
    const lines = (error as ConfigError).message.split('\n');
    expect(lines).toHaveLength(4);
    expect(lines.map((line) => line.split(':')[0]).sort()).toEqual([
      'ALERTMANAGER_URL',
      'LOG_LEVEL',
      'PORT',
      'PROMETHEUS_URL',
    ]);
  });
});
