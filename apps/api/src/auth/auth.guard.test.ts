import { ROLES, roleAllows, type Role } from '@promwall/core/auth';
import type { Express } from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { ROUTE_ACCESS, ruleFor, type RouteAccess } from './auth.access.ts';
import { appWithTokens, authYaml, TEST_TOKENS, UNREADY_DATABASE, WRONG_TOKEN } from './auth.testing.ts';

const SILENCE_ID = '6f1c2a3e-8d4b-4e5f-9a7b-0c1d2e3f4a5b';

/** A request that reaches each rule's route, with what it needs to get past its own checks. */
const SAMPLES: Record<string, { method?: 'GET'; path?: string; body?: object }> = {
  'GET /api/v1/summary/:metric': { path: '/api/v1/summary/cpu' },
  'GET /api/v1/dashboards/:id': { path: '/api/v1/dashboards/demo-service' },
  'GET /api/v1/dashboards/:id/panels/:panel': { path: '/api/v1/dashboards/demo-service/panels/rps' },
  'GET /api/v1/history/:metric': { path: '/api/v1/history/cpu' },
  'POST /api/v1/displays/heartbeat': {
    body: { id: 'lobby', version: '1', page: 'overview', refreshMs: 10_000, lastRefreshAt: null },
  },
  'POST /api/v1/silences': {
    body: { matchers: [{ name: 'alertname', value: 'InstanceDown' }], duration: '2h', comment: 'maintenance' },
  },
  'DELETE /api/v1/silences/:id': { path: `/api/v1/silences/${SILENCE_ID}` },
  'ALL /api/prom/*': { method: 'GET', path: '/api/prom/api/v1/query?query=up' },
};

type Credentials = 'none' | 'wrong' | Role;
const CREDENTIALS: Credentials[] = ['none', 'wrong', ...ROLES];

function call(app: Express, rule: RouteAccess, credentials: Credentials) {
  const sample = SAMPLES[`${rule.method} ${rule.path}`] ?? {};
  const method = sample.method ?? rule.method;
  const path = sample.path ?? rule.path;
  const token =
    credentials === 'none' ? undefined : credentials === 'wrong' ? WRONG_TOKEN : TEST_TOKENS[credentials].token;
  let req =
    method === 'POST'
      ? request(app).post(path)
      : method === 'DELETE'
        ? request(app).delete(path)
        : request(app).get(path);
  if (token) req = req.set('Authorization', `Bearer ${token}`);
  return sample.body ? req.send(sample.body) : req;
}

/** What the guard decides: the route runs, or 401 without a valid token, or 403 for a role below the rule's. */
function expected(rule: RouteAccess, credentials: Credentials): 'route' | 401 | 403 {
  if (rule.access === 'public') return 'route';
  if (credentials === 'none' || credentials === 'wrong') return 401;
  return roleAllows(credentials, rule.access) ? 'route' : 403;
}

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** Every route the app declares, as METHOD path below the base path. */
function declaredRoutes(app: Express): string[] {
  const walk = (stack: Layer[]): string[] =>
    stack.flatMap((layer) => [
      ...Object.keys(layer.route?.methods ?? {}).map((method) => `${method.toUpperCase()} ${layer.route!.path}`),
      ...walk(layer.handle?.stack ?? []),
    ]);
  return walk((app as unknown as { router: { stack: Layer[] } }).router.stack);
}

/**
 * The one route that needs no role: it answers every OPTIONS request but the pass-through's with
 * 405, whoever sends it, before the guard (Promwall grants no CORS, so there is no preflight).
 */
const OPTIONS_REFUSAL = 'OPTIONS /^(?!\\/api\\/prom\\/)/';

describe('the access table', () => {
  it('names every route of the app, so that a new route without a role fails here', () => {
    const routes = declaredRoutes(appWithTokens({ yaml: '', database: UNREADY_DATABASE }));

    expect(routes.length).toBeGreaterThan(15);
    expect(routes).toContain(OPTIONS_REFUSAL);
    const missing = routes.filter((route) => {
      if (route === OPTIONS_REFUSAL) return false;
      const [method, path] = route.split(' ') as [string, string];
      return !ruleFor(method, path);
    });
    expect(missing).toEqual([]);
  });

  it('gives kiosk tokens only what /tv and /embed need, viewers the reads, and admin tokens alone the displays and silences', () => {
    const needing = (access: string) =>
      ROUTE_ACCESS.filter((rule) => rule.access === access).map((rule) => `${rule.method} ${rule.path}`);

    expect(needing('kiosk')).toEqual([
      'GET /api/v1/tv/config',
      'GET /api/v1/summary',
      'GET /api/v1/summary/:metric',
      'GET /api/v1/targets',
      'GET /api/v1/alerts',
      'GET /api/v1/dashboards',
      'GET /api/v1/dashboards/:id',
      'GET /api/v1/dashboards/:id/panels/:panel',
      'POST /api/v1/displays/heartbeat',
    ]);
    expect(needing('viewer')).toEqual([
      'GET /metrics',
      'GET /api/v1/openapi.json',
      'ALL /api/prom/*',
      'GET /api/v1/history',
      'GET /api/v1/history/export',
      'GET /api/v1/history/:metric',
    ]);
    expect(needing('admin')).toEqual(['GET /api/v1/displays', 'POST /api/v1/silences', 'DELETE /api/v1/silences/:id']);
    expect(needing('public')).toEqual([
      'GET /healthz',
      'GET /readyz',
      'GET /api/v1/session',
      'POST /api/v1/session',
      'DELETE /api/v1/session',
    ]);
  });

  it('names no route the app does not have, but the pass-through', () => {
    const routes = new Set(declaredRoutes(appWithTokens({ yaml: '', database: UNREADY_DATABASE })));
    const stale = ROUTE_ACCESS.filter(
      (rule) => !rule.path.endsWith('/*') && !routes.has(`${rule.method} ${rule.path}`),
    );

    expect(stale).toEqual([]);
  });
});

describe('with access tokens', () => {
  const app = appWithTokens();

  describe.each(ROUTE_ACCESS.map((rule) => [`${rule.method} ${rule.path} (${rule.access})`, rule] as const))(
    '%s',
    (_name, rule) => {
      it.each(CREDENTIALS)('with %s token', async (credentials) => {
        const res = await call(app, rule, credentials);
        const outcome = expected(rule, credentials);
        const signIn = rule.method === 'POST' && rule.path === '/api/v1/session';

        if (outcome === 'route' && signIn && (credentials === 'none' || credentials === 'wrong')) {
          // Signing in is open to all, and refuses what is not a valid token itself.
          expect(res.status).toBe(401);
        } else if (outcome === 'route') {
          expect([401, 403]).not.toContain(res.status);
          expect(res.body?.error?.message ?? '').not.toMatch(/^No route for/);
        } else if (rule.path.startsWith('/api/prom/')) {
          // The pass-through answers in Prometheus's envelope, which its clients show.
          expect(res.status).toBe(outcome);
          expect(res.body).toMatchObject({ status: 'error', error: expect.stringMatching(/token/) });
        } else {
          expect(res.status).toBe(outcome);
          expect(res.body.error.code).toBe(outcome === 401 ? 'unauthorized' : 'forbidden');
        }
        if (res.status === 401) expect(res.headers['www-authenticate']).toBe('Bearer realm="Promwall"');
      });
    },
  );

  it('says which role a refused token has and which one is needed', async () => {
    const res = await request(app).get('/api/v1/displays').set('Authorization', `Bearer ${TEST_TOKENS.viewer.token}`);

    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe('The token sre-laptop has the viewer role; this needs the admin role');
  });

  it('tells a missing token from a wrong one, and takes no other scheme', async () => {
    const missing = await request(app).get('/api/v1/alerts');
    const wrong = await request(app).get('/api/v1/alerts').set('Authorization', `Bearer ${WRONG_TOKEN}`);
    const basic = await request(app)
      .get('/api/v1/alerts')
      .set('Authorization', `Basic ${btoa('admin:x')}`);

    expect(missing.body.error.message).toMatch(/^An access token is required/);
    expect(wrong.body.error.message).toBe('The access token is not valid');
    expect(basic.status).toBe(401);
    expect(basic.body.error.message).toBe('The access token is not valid');
  });

  it('does not fall back to the cookie when the header carries a wrong token', async () => {
    const res = await request(app)
      .get('/api/v1/alerts')
      .set('Authorization', `Bearer ${WRONG_TOKEN}`)
      .set('Cookie', `promwall_token=${TEST_TOKENS.admin.token}`);

    expect(res.status).toBe(401);
  });

  it.each([
    ['an API path no route has', '/api/v1/nothing-here'],
    ['another case', '/API/V1/DISPLAYS'],
    ['a trailing slash', '/api/v1/displays/'],
    ['a path the pass-through refuses', '/api/prom/api/v1/admin/tsdb/snapshot'],
  ])('guards %s as the routes match it', async (_what, path) => {
    const anonymous = await request(app).get(path);
    const kiosk = await request(app).get(path).set('Authorization', `Bearer ${TEST_TOKENS.kiosk.token}`);

    expect(anonymous.status).toBe(401);
    expect(kiosk.status).toBe(403);
  });

  it('refuses OPTIONS with 405 to anyone, with no token or a kiosk one, revealing nothing', async () => {
    const anonymous = await request(app).options('/api/v1/displays');
    const kiosk = await request(app)
      .options('/api/v1/displays')
      .set('Authorization', `Bearer ${TEST_TOKENS.kiosk.token}`);

    for (const res of [anonymous, kiosk]) {
      expect(res.status).toBe(405);
      expect(res.body.error.code).toBe('method_not_allowed');
    }
  });

  it('keeps the web app, /healthz and /readyz open', async () => {
    expect((await request(app).get('/')).status).toBe(200);
    expect((await request(app).get('/tv')).status).toBe(200);
    expect((await request(app).get('/healthz')).status).toBe(200);
    expect((await request(app).get('/readyz')).status).toBe(503);
  });

  it('opens /metrics with auth.publicMetrics, and nothing else', async () => {
    const open = appWithTokens({ yaml: authYaml('  publicMetrics: true\n') });

    expect((await request(open).get('/metrics')).status).toBe(200);
    expect((await request(open).get('/api/v1/openapi.json')).status).toBe(401);
    expect((await request(app).get('/metrics')).status).toBe(401);
  });

  it('takes the cookie for reads, but not for a write another site sends', async () => {
    const cookie = `promwall_token=${TEST_TOKENS.kiosk.token}`;
    const heartbeat = SAMPLES['POST /api/v1/displays/heartbeat']!.body!;

    const read = await request(app).get('/api/v1/tv/config').set('Cookie', cookie);
    const sameSite = await request(app)
      .post('/api/v1/displays/heartbeat')
      .set('Cookie', cookie)
      .set('Sec-Fetch-Site', 'same-origin')
      .send(heartbeat);
    const crossSite = await request(app)
      .post('/api/v1/displays/heartbeat')
      .set('Cookie', cookie)
      .set('Sec-Fetch-Site', 'cross-site')
      .send(heartbeat);

    expect(read.status).toBe(200);
    expect(sameSite.status).toBe(204);
    expect(crossSite.status).toBe(401);
  });
});

describe('without access tokens', () => {
  const app = appWithTokens({ yaml: '' });

  it.each(ROUTE_ACCESS.filter((rule) => !(rule.method === 'POST' && rule.path === '/api/v1/session')))(
    'asks no token for $method $path',
    async (rule) => {
      const res = await call(app, rule, 'none');

      expect(res.status).not.toBe(401);
      if (!rule.path.startsWith('/api/v1/silences')) expect(res.status).not.toBe(403);
    },
  );

  it('refuses silences, which need an author to name', async () => {
    const res = await call(
      app,
      ROUTE_ACCESS.find((rule) => rule.path === '/api/v1/silences')!,
      'none',
    );

    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('auth_required');
  });
});
