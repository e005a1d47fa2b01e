import type { Role } from '@promwall/core/auth';
import type { AuthConfig } from '../config.ts';

/** Paths the API owns; everything else under the base path is the web app's. */
export const API_PATHS = ['/api', '/healthz', '/readyz', '/metrics'];

/** `public`: no token needed, even when tokens are configured. */
export type Access = Role | 'public';

export interface RouteAccess {
  /** GET includes HEAD, as Express routes it; ALL is every method. */
  method: 'GET' | 'POST' | 'DELETE' | 'ALL';
  /** The route's path as the app declares it, below the base path; `/*` is everything under a prefix. */
  path: string;
  access: Access;
  /** The setting that opens the route to everyone. */
  publicWith?: keyof Pick<AuthConfig, 'publicMetrics'>;
}

/**
 * Who may call each route of the API, stated once, when access tokens are configured. The guard
 * (auth.guard.ts) enforces it before any route runs; an API path missing from it is open to admin
 * tokens only, and a test fails for every route of the app that it does not name. The OpenAPI
 * document and docs/security.md are written from it.
 *
 * kiosk: what /tv and /embed need, boards included. viewer: everything read-only, history
 * included. admin: viewer, the displays and silences.
 */
export const ROUTE_ACCESS: readonly RouteAccess[] = [
  { method: 'GET', path: '/healthz', access: 'public' },
  { method: 'GET', path: '/readyz', access: 'public' },
  { method: 'GET', path: '/metrics', access: 'viewer', publicWith: 'publicMetrics' },
  // The session says whether a token is needed and whose this is; signing in checks its own token.
  { method: 'GET', path: '/api/v1/session', access: 'public' },
  { method: 'POST', path: '/api/v1/session', access: 'public' },
  { method: 'DELETE', path: '/api/v1/session', access: 'public' },
  { method: 'GET', path: '/api/v1/tv/config', access: 'kiosk' },
  { method: 'GET', path: '/api/v1/summary', access: 'kiosk' },
  { method: 'GET', path: '/api/v1/summary/:metric', access: 'kiosk' },
  { method: 'GET', path: '/api/v1/targets', access: 'kiosk' },
  { method: 'GET', path: '/api/v1/alerts', access: 'kiosk' },
  // Walls show boards (/tv?dashboard=, /embed/d/…): the list, a board and its panels' data.
  { method: 'GET', path: '/api/v1/dashboards', access: 'kiosk' },
  { method: 'GET', path: '/api/v1/dashboards/:id', access: 'kiosk' },
  { method: 'GET', path: '/api/v1/dashboards/:id/panels/:panel', access: 'kiosk' },
  { method: 'POST', path: '/api/v1/displays/heartbeat', access: 'kiosk' },
  { method: 'GET', path: '/api/v1/openapi.json', access: 'viewer' },
  { method: 'ALL', path: '/api/prom/*', access: 'viewer' },
  { method: 'GET', path: '/api/v1/history', access: 'viewer' },
  { method: 'GET', path: '/api/v1/history/export', access: 'viewer' },
  { method: 'GET', path: '/api/v1/history/:metric', access: 'viewer' },
  { method: 'GET', path: '/api/v1/displays', access: 'admin' },
  { method: 'POST', path: '/api/v1/silences', access: 'admin' },
  { method: 'DELETE', path: '/api/v1/silences/:id', access: 'admin' },
];

/** What a rule asks for under these settings. */
export function accessOf(rule: RouteAccess, auth: Pick<AuthConfig, 'publicMetrics'>): Access {
  return rule.publicWith && auth[rule.publicWith] ? 'public' : rule.access;
}

/** The rule of a route, by method and path as Express declares it (`/api/v1/summary/:metric`). */
export function ruleFor(method: string, path: string): RouteAccess | undefined {
  const upper = method.toUpperCase();
  return ROUTE_ACCESS.find((rule) =>
    rule.path.endsWith('/*')
      ? path === rule.path.slice(0, -2) || path.startsWith(rule.path.slice(0, -1))
      : rule.path === path &&
        (rule.method === 'ALL' || rule.method === upper || (rule.method === 'GET' && upper === 'HEAD')),
  );
}
