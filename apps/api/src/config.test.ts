import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { headlineMetrics } from '@promwall/core/headline';
import { makeTestCertificates } from '../test/support/certificates.ts';
import { ConfigError, loadConfig } from './config.ts';

const emptyDir = mkdtempSync(path.join(tmpdir(), 'promwall-config-'));
let files = 0;

function writeConfig(text: string): string {
  const file = path.join(emptyDir, `config-${++files}.yml`);
  writeFileSync(file, text);
  return file;
}

const minimalEnv = { PROMETHEUS_URL: 'http://127.0.0.1:9090' };

function problemsOf(env: Record<string, string | undefined>): readonly string[] {
  try {
    loadConfig(env, emptyDir);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
  throw new Error('expected loadConfig to throw');
}

describe('loadConfig', () => {
  it('applies the defaults when only PROMETHEUS_URL is set', () => {
    const config = loadConfig(minimalEnv, emptyDir);

    expect(config).toMatchObject({
      prometheus: { name: 'prometheus', url: 'http://127.0.0.1:9090', pathPrefix: '', timeoutMs: 10_000, headers: {} },
      listen: { host: '127.0.0.1', port: 8470 },
      logLevel: 'info',
      web: { basePath: '' },
      cache: { ttlMs: 2_000, serveStaleForMs: 300_000, staleWhileRevalidateMs: 6_000 },
      proxy: { collapse: true },
      limits: { maxPoints: 11_000, maxRangeMs: 31 * 86_400_000 },
    });
    expect(config.alertmanager).toBeUndefined();
    expect(config.web.dir.endsWith(path.join('apps', 'web', 'dist'))).toBe(true);
    expect(existsSync(path.join(config.dashboards.dir, 'overview.yml'))).toBe(true);
    expect(config.metrics.cpu.query).toBe(headlineMetrics.cpu.query);
    expect(config.metrics.latencyP95.thresholds).toEqual(headlineMetrics.latencyP95.thresholds);
  });

  it('reads every setting from the environment', () => {
    const config = loadConfig(
      {
        PROMETHEUS_URL: 'https://prometheus.example.com/prom/',
        PROMETHEUS_PATH_PREFIX: '/select/0/prometheus',
        PROMETHEUS_BEARER_TOKEN: 's3cret',
        ALERTMANAGER_URL: 'http://127.0.0.1:9093',
        HOST: '0.0.0.0',
        PORT: '9000',
        PROMWALL_WEB_DIR: '/srv/promwall/web',
        PROMWALL_BASE_PATH: '/promwall/',
        PROMWALL_CACHE_TTL: '5s',
        PROMWALL_DASHBOARDS_DIR: '/srv/promwall/dashboards',
        LOG_LEVEL: 'debug',
      },
      emptyDir,
    );

    expect(config).toMatchObject({
      prometheus: {
        url: 'https://prometheus.example.com/prom',
        pathPrefix: '/select/0/prometheus',
        headers: { Authorization: 'Bearer s3cret' },
      },
      alertmanager: { url: 'http://127.0.0.1:9093' },
      listen: { host: '0.0.0.0', port: 9000 },
      web: { dir: '/srv/promwall/web', basePath: '/promwall' },
      cache: { ttlMs: 5_000, staleWhileRevalidateMs: 15_000 },
      dashboards: { dir: '/srv/promwall/dashboards' },
      logLevel: 'debug',
    });
  });

  it('reads the YAML file named by PROMWALL_CONFIG, with the environment over it', () => {
    const file = writeConfig(`
prometheus:
  url: http://vm.internal:8481
  pathPrefix: /select/0/prometheus/
  timeout: 3s
  headers: { X-Scope-OrgID: team-a }
  basicAuth: { username: promwall, password: pa55 }
listen: { port: 9100 }
cache: { staleWhileRevalidate: 0s }
proxy: { collapse: false }
metrics:
  dbConnections:
    query: sum(pg_stat_activity_count)
    thresholds: { warning: 50, critical: 90 }
    alerts: [DatabaseConnectionHigh, 'pg:TooManyBackends']
`);
    const config = loadConfig({ PROMWALL_CONFIG: file, PORT: '9200' }, emptyDir);

    expect(config.prometheus).toEqual({
      name: 'prometheus',
      url: 'http://vm.internal:8481',
      pathPrefix: '/select/0/prometheus',
      timeoutMs: 3_000,
      headers: { 'X-Scope-OrgID': 'team-a', Authorization: `Basic ${Buffer.from('promwall:pa55').toString('base64')}` },
    });
    expect(config.listen.port).toBe(9200);
    expect(config.cache.staleWhileRevalidateMs).toBe(0);
    expect(config.proxy.collapse).toBe(false);
    expect(config.metrics.dbConnections).toMatchObject({
      query: 'sum(pg_stat_activity_count)',
      byInstanceQuery: '',
      thresholds: { warning: 50, critical: 90 },
      alerts: ['DatabaseConnectionHigh', 'pg:TooManyBackends'],
    });
    expect(config.metrics.cpu.alerts).toEqual([]);
  });

  it('names the file and the key of every bad setting in it', () => {
    const file = writeConfig(`
prometheus:
  url: http://p:9090
  timout: 3s
  headers: { Cookie: x }
limits: { maxPoints: 20000 }
metrics:
  cpu: { thresholds: { warning: 90, critical: 80 } }
  rps: { query: 'sum(rate(app_request_total[1m])' }
  memory: { alerts: ['High memory'] }
`);
    const problems = problemsOf({ PROMWALL_CONFIG: file });
    expect(problems).toHaveLength(6);
    expect(problems.join('\n')).toContain(`${file}: metrics.memory.alerts.0: must be an alert rule’s name`);
    expect(problems.join('\n')).toContain(
      `${file}: metrics.rps.query: not valid PromQL at 1:32 (unexpected end of query)`,
    );
    expect(problems.every((line) => line.startsWith(`${file}: `))).toBe(true);
    expect(problems.join('\n')).toMatch(/prometheus: .*timout/);
    expect(problems.join('\n')).toMatch(/prometheus\.headers: may not set/);
    expect(problems.join('\n')).toMatch(/limits\.maxPoints: /);
    expect(problems.join('\n')).toMatch(/metrics\.cpu\.thresholds: warning must not be above critical/);
  });

  it('has no database, and history settings ready for one, by default', () => {
    const config = loadConfig(minimalEnv, emptyDir);

    expect(config.database).toBeUndefined();
    expect(config.history).toEqual({ intervalMs: 60_000, retentionMs: 400 * 86_400_000, maxQueuedRounds: 1_440 });
  });

  it('reads the database and history settings', () => {
    const config = loadConfig(
      {
        ...minimalEnv,
        PROMWALL_DATABASE_URL: 'postgresql://promwall:s3cret@db.example:5432/promwall',
        PROMWALL_HISTORY_INTERVAL: '15s',
        PROMWALL_CONFIG: writeConfig(
          'database: { url: unused, poolSize: 8 }\nhistory: { retention: 2y, maxQueuedRounds: 100 }\n',
        ),
      },
      emptyDir,
    );

    expect(config.database).toEqual({ url: 'postgresql://promwall:s3cret@db.example:5432/promwall', poolSize: 8 });
    expect(config.history).toEqual({ intervalMs: 15_000, retentionMs: 2 * 365 * 86_400_000, maxQueuedRounds: 100 });
  });

  it.each([
    ['PROMWALL_DATABASE_URL', 'mysql://db.example/promwall', 'must be a postgresql:// URL'],
    ['PROMWALL_DATABASE_URL', 'db.example:5432', 'must be a postgresql:// URL'],
    ['PROMWALL_HISTORY_INTERVAL', '500ms', 'must be a duration such as 10s, from 1s to 1h'],
    ['PROMWALL_HISTORY_INTERVAL', '2h', 'must be a duration such as 10s, from 1s to 1h'],
  ])('reports %s=%j', (key, value, message) => {
    expect(problemsOf({ ...minimalEnv, [key]: value })[0]).toMatch(new RegExp(`^${key}: ${message}`));
  });

  it('refuses a config file that is missing or not YAML', () => {
    expect(problemsOf({ PROMWALL_CONFIG: '/nonexistent/promwall.yml' })).toEqual([
      'PROMWALL_CONFIG: cannot read /nonexistent/promwall.yml',
    ]);
    expect(problemsOf({ PROMWALL_CONFIG: writeConfig('prometheus: [unclosed') })[0]).toMatch(/not valid YAML/);
  });

  it('resolves a relative PROMWALL_WEB_DIR against the working directory', () => {
    const config = loadConfig({ ...minimalEnv, PROMWALL_WEB_DIR: 'web-build' });

    expect(config.web.dir).toBe(path.resolve('web-build'));
  });

  it('resolves a relative dashboards folder against the working directory', () => {
    expect(loadConfig({ ...minimalEnv, PROMWALL_DASHBOARDS_DIR: 'boards' }).dashboards.dir).toBe(
      path.resolve('boards'),
    );
    const file = writeConfig('dashboards:\n  dir: /etc/promwall/boards\n');
    expect(loadConfig({ ...minimalEnv, PROMWALL_CONFIG: file }).dashboards.dir).toBe('/etc/promwall/boards');
  });

  it('treats empty values as unset', () => {
    const config = loadConfig({ ...minimalEnv, PORT: '', HOST: '', ALERTMANAGER_URL: '' });

    expect(config.listen).toEqual({ host: '127.0.0.1', port: 8470 });
    expect(config.alertmanager).toBeUndefined();
  });

  it('accepts port 0 so the system can pick a free port', () => {
    expect(loadConfig({ ...minimalEnv, PORT: '0' }).listen.port).toBe(0);
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
  it('names the variable when the environment set the bad value, and the file and key when the file did', () => {
    const file = writeConfig('listen: { port: eighty }\ncache: { ttl: soon }\n');

    expect(problemsOf({ ...minimalEnv, PROMWALL_CONFIG: file })).toEqual([
      `${file}: listen.port: must be an integer from 0 to 65535`,
      `${file}: cache.ttl: must be a duration such as 10s, at most 1h`,
    ]);
    expect(problemsOf({ ...minimalEnv, PROMWALL_CONFIG: file, PORT: 'ninety', PROMWALL_CACHE_TTL: '2s' })).toEqual([
      'PORT: must be an integer from 0 to 65535',
    ]);
  });

  it('names PROMETHEUS_URL and the file key when a prometheus section has no url', () => {
    const file = writeConfig('prometheus: { name: main }\n');

    expect(problemsOf({ PROMWALL_CONFIG: file })).toEqual([
      'PROMETHEUS_URL: is required (the base URL of the Prometheus server, e.g. http://127.0.0.1:9090), or prometheus.url in the config file',
    ]);
  });

  it('gives where and why configured PromQL does not parse', () => {
    const file = writeConfig(`
metrics:
  cpu: { query: 'up{job="a"}}' }
  memory: { byInstanceQuery: 'avg by (instance) (' }
  rps: { query: '' }
`);

    expect(problemsOf({ ...minimalEnv, PROMWALL_CONFIG: file })).toEqual([
      `${file}: metrics.cpu.query: not valid PromQL at 1:12 (unexpected "}")`,
      `${file}: metrics.memory.byInstanceQuery: not valid PromQL at 1:20 (unexpected end of query)`,
      `${file}: metrics.rps.query: not valid PromQL at 1:1 (empty query)`,
    ]);
  });

  it('asks for a duration where a number is given', () => {
    const file = writeConfig('tv: { refresh: 5 }\nprometheus: { timeout: 10 }\n');

    expect(problemsOf({ ...minimalEnv, PROMWALL_CONFIG: file })).toEqual([
      `${file}: prometheus.timeout: must be a duration such as 10s`,
      `${file}: tv.refresh: must be a duration such as 10s`,
    ]);
  });

  it('names the missing key of a threshold', () => {
    const file = writeConfig(
      'metrics:\n  cpu: { thresholds: { warning: 70 } }\n  rps: { thresholds: { critical: many } }\n',
    );

    expect(problemsOf({ ...minimalEnv, PROMWALL_CONFIG: file })).toEqual([
      `${file}: metrics.cpu.thresholds.critical: is required: give both warning and critical`,
      `${file}: metrics.rps.thresholds.warning: is required: give both warning and critical`,
      `${file}: metrics.rps.thresholds.critical: must be a number`,
    ]);
  });

  it('keeps TV settings within the bounds the wall itself accepts', () => {
    const within = writeConfig('tv: { rotate: 1s, dailyReload: 0s, refresh: 1h, minRefresh: 250ms }\n');
    expect(loadConfig({ ...minimalEnv, PROMWALL_CONFIG: within }, emptyDir).tv).toMatchObject({
      rotateMs: 1_000,
      dailyReloadMs: 0,
      refreshMs: 3_600_000,
      minRefreshMs: 250,
    });

    const outside = writeConfig('tv: { rotate: 500ms, dailyReload: 30s, refresh: 2h, title: "" }\n');
    expect(problemsOf({ ...minimalEnv, PROMWALL_CONFIG: outside })).toEqual([
      `${outside}: tv.title: must not be empty`,
      `${outside}: tv.refresh: must be a duration such as 10s, at most 1h`,
      `${outside}: tv.rotate: must be a duration such as 10s, from 1s to 1h, or 0s for off`,
      `${outside}: tv.dailyReload: must be a duration such as 10s, from 1m to 7d, or 0s for off`,
    ]);
  });

  it('refuses unknown keys at every level', () => {
    const file = writeConfig('listen: { hots: x }\nmetric: {}\nmetrics: { disk: {} }\n');

    expect(problemsOf({ ...minimalEnv, PROMWALL_CONFIG: file })).toEqual([
      `${file}: listen: unknown key hots`,
      `${file}: metrics: unknown key disk`,
      `${file}: unknown key metric`,
    ]);
  });

  it.each([
    ['', ''],
    ['/', ''],
    ['/promwall', '/promwall'],
    ['/team-a/promwall.v2/', '/team-a/promwall.v2'],
    ['/ops/promwall.v2/~team_a', '/ops/promwall.v2/~team_a'],
  ])('serves the web app under PROMWALL_BASE_PATH=%j as %j', (value, basePath) => {
    expect(loadConfig({ ...minimalEnv, PROMWALL_BASE_PATH: value }, emptyDir).web.basePath).toBe(basePath);
  });

  it.each([
    'promwall',
    '/promwall//',
    '//promwall',
    '/a b',
    '/promwall?x=1',
    '/prom%2Fwall',
    '/..',
    '/a/./b',
    '/...',
    'http://x/y',
  ])('refuses the base path %j, naming the variable', (value) => {
    expect(problemsOf({ ...minimalEnv, PROMWALL_BASE_PATH: value })).toEqual([
      'PROMWALL_BASE_PATH: must be empty or a path such as /promwall',
    ]);
  });

  it('reads web.dir and web.basePath from the file', () => {
    const file = writeConfig('web: { dir: /srv/web, basePath: /wall/ }\n');

    expect(loadConfig({ ...minimalEnv, PROMWALL_CONFIG: file }, emptyDir).web).toEqual({
      dir: '/srv/web',
      basePath: '/wall',
    });
    const bad = writeConfig('web: { basePath: wall }\n');
    expect(problemsOf({ ...minimalEnv, PROMWALL_CONFIG: bad })).toEqual([
      `${bad}: web.basePath: must be empty or a path such as /promwall`,
    ]);
  });
});

describe('secrets in files', () => {
  const secret = (text: string) => {
    const file = path.join(emptyDir, `secret-${++files}`);
    writeFileSync(file, text);
    return file;
  };

  it('reads the bearer token from PROMETHEUS_BEARER_TOKEN_FILE, without the line end', () => {
    const config = loadConfig({ ...minimalEnv, PROMETHEUS_BEARER_TOKEN_FILE: secret('s3cret\n') }, emptyDir);

    expect(config.prometheus.headers).toEqual({ Authorization: 'Bearer s3cret' });
  });

  it('reads a basic-auth password from a file, for Alertmanager too', () => {
    const file = writeConfig(`
alertmanager:
  url: http://127.0.0.1:9093
  basicAuth: { username: promwall, passwordFile: ${secret('pa55\r\n')} }
`);
    const config = loadConfig({ ...minimalEnv, PROMWALL_CONFIG: file }, emptyDir);

    expect(config.alertmanager?.headers).toEqual({
      Authorization: `Basic ${Buffer.from('promwall:pa55').toString('base64')}`,
    });
  });

  it('names an unreadable or empty file and never says what a secret file holds', () => {
    expect(problemsOf({ ...minimalEnv, PROMETHEUS_BEARER_TOKEN_FILE: '/nonexistent/token' })).toEqual([
      'PROMETHEUS_BEARER_TOKEN_FILE: cannot read /nonexistent/token (ENOENT)',
    ]);
    const blank = secret(' \n');
    expect(problemsOf({ ...minimalEnv, PROMETHEUS_BEARER_TOKEN_FILE: blank })).toEqual([
      `PROMETHEUS_BEARER_TOKEN_FILE: ${blank} is empty`,
    ]);
    const file = writeConfig(`prometheus: { url: http://p:9090, tls: { caFile: ${secret('hunter2')} } }\n`);
    expect(problemsOf({ PROMWALL_CONFIG: file }).join('\n')).not.toContain('hunter2');
  });

  it('refuses a secret given both inline and as a file, or a password given neither way', () => {
    const token = secret('s3cret');
    expect(problemsOf({ ...minimalEnv, PROMETHEUS_BEARER_TOKEN: 'x', PROMETHEUS_BEARER_TOKEN_FILE: token })).toEqual([
      'PROMETHEUS_BEARER_TOKEN_FILE: set bearerToken or bearerTokenFile, not both',
    ]);
    const file = writeConfig('prometheus: { url: http://p:9090, basicAuth: { username: promwall } }\n');
    expect(problemsOf({ PROMWALL_CONFIG: file })).toEqual([
      `${file}: prometheus.basicAuth: set password or passwordFile`,
    ]);
  });

  it('reads the database URL, password and all, from PROMWALL_DATABASE_URL_FILE', () => {
    const url = 'postgresql://promwall:s3cret@db.example:5432/promwall';
    const config = loadConfig({ ...minimalEnv, PROMWALL_DATABASE_URL_FILE: secret(`${url}\n`) }, emptyDir);

    expect(config.database).toEqual({ url, poolSize: 5 });
  });

  it('refuses a database URL file that holds no postgresql:// URL, both forms, or neither, without quoting it', () => {
    expect(problemsOf({ ...minimalEnv, PROMWALL_DATABASE_URL_FILE: secret('mysql://root:hunter2@db/x') })).toEqual([
      'PROMWALL_DATABASE_URL_FILE: must be a postgresql:// URL, e.g. postgresql://promwall:secret@db.example:5432/promwall',
    ]);
    const both = {
      ...minimalEnv,
      PROMWALL_DATABASE_URL: 'postgresql://promwall:s3cret@db.example/promwall',
      PROMWALL_DATABASE_URL_FILE: secret('postgresql://promwall:s3cret@db.example/promwall'),
    };
    expect(problemsOf(both)).toEqual(['PROMWALL_DATABASE_URL_FILE: set url or urlFile, not both']);
    const file = writeConfig('database: { poolSize: 4 }\n');
    expect(problemsOf({ ...minimalEnv, PROMWALL_CONFIG: file })).toEqual([
      'PROMWALL_DATABASE_URL: set url or urlFile, or database.url in the config file',
    ]);
  });
});

describe('upstream TLS', () => {
  const certificates = makeTestCertificates(path.join(emptyDir, 'tls'), 'prometheus.test');
  const withTls = (tls: string, url = 'https://127.0.0.1:9090') =>
    writeConfig(`prometheus:\n  url: ${url}\n  tls: ${tls}\n`);

  it('loads the CA, the client certificate and its key, and the server name', () => {
    const file = withTls(
      `{ caFile: ${certificates.ca}, certFile: ${certificates.clientCert}, keyFile: ${certificates.clientKey}, serverName: prometheus.test }`,
    );
    const { tls } = loadConfig({ PROMWALL_CONFIG: file }, emptyDir).prometheus;

    expect(tls).toMatchObject({ servername: 'prometheus.test', rejectUnauthorized: true });
    expect(tls?.ca).toContain('-----BEGIN CERTIFICATE-----');
    expect(tls?.key).toContain('PRIVATE KEY-----');
  });

  it('skips verification only when insecureSkipVerify says so', () => {
    const skipping = loadConfig({ PROMWALL_CONFIG: withTls('{ insecureSkipVerify: true }') }, emptyDir);
    const verifying = loadConfig({ PROMWALL_CONFIG: withTls('{}') }, emptyDir);

    expect(skipping.prometheus.tls).toEqual({ rejectUnauthorized: false });
    expect(verifying.prometheus.tls).toEqual({ rejectUnauthorized: true });
    expect(loadConfig({ PROMETHEUS_URL: 'https://p.example' }, emptyDir).prometheus.tls).toBeUndefined();
  });

  it('refuses a certificate without its key, a key that is not its, a file that is not PEM, and TLS over http', () => {
    const half = withTls(`{ certFile: ${certificates.clientCert} }`);
    expect(problemsOf({ PROMWALL_CONFIG: half })).toEqual([
      `${half}: prometheus.tls: set certFile and keyFile together`,
    ]);

    const mismatched = withTls(`{ certFile: ${certificates.clientCert}, keyFile: ${certificates.serverKey} }`);
    expect(problemsOf({ PROMWALL_CONFIG: mismatched })[0]).toMatch(
      /prometheus\.tls: the TLS files do not load: .*key values mismatch/,
    );

    const notPem = withTls(`{ caFile: ${writeConfig('just text')} }`);
    expect(problemsOf({ PROMWALL_CONFIG: notPem })[0]).toMatch(/prometheus\.tls\.caFile: .* is not a PEM file$/);

    const plain = withTls('{ insecureSkipVerify: false }', 'http://127.0.0.1:9090');
    expect(problemsOf({ PROMWALL_CONFIG: plain })).toEqual([
      `${plain}: prometheus.tls: applies to an https:// url only`,
    ]);
  });
});

describe('access tokens', () => {
  const hash = (digit: string) => `sha256:${digit.repeat(64)}`;

  it('are off by default, with /metrics closed once they are on', () => {
    expect(loadConfig(minimalEnv, emptyDir).auth).toEqual({
      tokens: [],
      publicMetrics: false,
      cookieMaxAgeMs: 30 * 86_400_000,
    });
  });

  it('reads tokens by name, role and hash, and PROMWALL_PUBLIC_METRICS', () => {
    const file = writeConfig(`
auth:
  tokens:
    - { name: lobby-tv, role: kiosk, hash: "${hash('A')}" }
    - { name: "ops.alice", role: admin, hash: "${hash('b')}" }
  cookieMaxAge: 7d
`);
    const { auth } = loadConfig({ ...minimalEnv, PROMWALL_CONFIG: file, PROMWALL_PUBLIC_METRICS: 'true' }, emptyDir);

    expect(auth).toEqual({
      tokens: [
        { name: 'lobby-tv', role: 'kiosk', hash: hash('a') },
        { name: 'ops.alice', role: 'admin', hash: hash('b') },
      ],
      publicMetrics: true,
      cookieMaxAgeMs: 7 * 86_400_000,
    });
  });

  it('refuses a bad hash, an unknown role, a bad name, and two tokens with one name or one hash', () => {
    const file = writeConfig(`
auth:
  tokens:
    - { name: a, role: kiosk, hash: "md5:abc" }
    - { name: b, role: root, hash: "${hash('1')}" }
    - { name: "-x", role: viewer, hash: "${hash('2')}" }
    - { name: d, role: viewer, hash: "${hash('1')}" }
    - { name: d, role: viewer, hash: "${hash('3')}" }
`);
    expect(problemsOf({ ...minimalEnv, PROMWALL_CONFIG: file })).toEqual([
      `${file}: auth.tokens.0.hash: must be sha256: and 64 hex digits, as \`npm run token\` prints it`,
      `${file}: auth.tokens.1.role: must be one of kiosk, viewer, admin`,
      `${file}: auth.tokens.2.name: must be 1 to 64 letters, digits, ., _ or -, starting with a letter or digit`,
    ]);
    const duplicates = writeConfig(`
auth:
  tokens:
    - { name: b, role: kiosk, hash: "${hash('1')}" }
    - { name: d, role: viewer, hash: "${hash('1')}" }
    - { name: d, role: viewer, hash: "${hash('3')}" }
`);
    expect(problemsOf({ ...minimalEnv, PROMWALL_CONFIG: duplicates })).toEqual([
      `${duplicates}: auth.tokens.1.hash: is the hash of another token`,
      `${duplicates}: auth.tokens.2.name: is the name of another token`,
    ]);
    expect(problemsOf({ ...minimalEnv, PROMWALL_PUBLIC_METRICS: 'maybe' })).toEqual([
      'PROMWALL_PUBLIC_METRICS: must be true or false',
    ]);
  });
});
