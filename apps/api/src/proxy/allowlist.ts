/**
 * Which Prometheus API paths the pass-through serves, decided on the raw request path.
 * Read endpoints only: https://prometheus.io/docs/prometheus/latest/querying/api/
 */

const GET_ONLY = ['GET'] as const;
// Prometheus accepts these as a URL-encoded form too, for queries too long for a URL.
const GET_OR_FORM_POST = ['GET', 'POST'] as const;

const METHODS_BY_PATH = new Map<string, readonly string[]>([
  ['/api/v1/query', GET_OR_FORM_POST],
  ['/api/v1/query_range', GET_OR_FORM_POST],
  ['/api/v1/series', GET_OR_FORM_POST],
  ['/api/v1/labels', GET_OR_FORM_POST],
  ['/api/v1/query_exemplars', GET_OR_FORM_POST],
  ['/api/v1/format_query', GET_OR_FORM_POST],
  ['/api/v1/parse_query', GET_OR_FORM_POST],
  ['/api/v1/metadata', GET_ONLY],
  ['/api/v1/targets', GET_ONLY],
  ['/api/v1/rules', GET_ONLY],
  ['/api/v1/alerts', GET_ONLY],
  ['/api/v1/status/buildinfo', GET_ONLY],
]);

// A legacy label name; Prometheus 3 writes other UTF-8 names as U__..., which fits it too.
export const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const LABEL_VALUES_PATH = new RegExp(`^/api/v1/label/${LABEL_NAME.source.slice(1, -1)}/values$`);

/** Every path served and its methods, `{name}` standing for a label name (LABEL_NAME): what the API documents. */
export const PROXIED_PATHS: readonly (readonly [path: string, methods: readonly string[]])[] = [
  ...METHODS_BY_PATH,
  ['/api/v1/label/{name}/values', GET_ONLY],
];

export type RouteRefusalReason = 'path' | 'encoding' | 'method';

export type RouteDecision =
  | { allowed: true; path: string }
  | { allowed: false; status: 404; reason: 'path' | 'encoding' }
  | { allowed: false; status: 405; reason: 'method'; allow: readonly string[] };

/**
 * `rawPath` is the path below the mount point exactly as the client sent it, never decoded or
 * normalised: only byte-exact listed paths pass, so `%2e%2e`, `//`, `/./`, `\`, a trailing
 * slash or another letter case can never reach an unlisted Prometheus handler. HEAD and
 * OPTIONS are refused like any other unlisted method.
 */
export function decideRoute(method: string, rawPath: string): RouteDecision {
  if (rawPath.includes('%') || rawPath.includes('\\')) return { allowed: false, status: 404, reason: 'encoding' };
  const methods = METHODS_BY_PATH.get(rawPath) ?? (LABEL_VALUES_PATH.test(rawPath) ? GET_ONLY : undefined);
  if (!methods) return { allowed: false, status: 404, reason: 'path' };
  if (!methods.includes(method)) return { allowed: false, status: 405, reason: 'method', allow: methods };
  return { allowed: true, path: rawPath };
}
