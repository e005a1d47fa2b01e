/**
 * Checks on the parameters of a pass-through request, in the URL and in a form body. The
 * request is forwarded as it came, so these checks only refuse; they never rewrite.
 */

/**
 * Parameters Prometheus reads as lists (`r.Form["match[]"]`); every other one it reads with
 * `FormValue`, which silently takes the first of several values, so a repeat is refused
 * rather than left for Prometheus and Promwall to read differently.
 */
const LIST_PARAMS = new Set(['match[]', 'rule_name[]', 'rule_group[]', 'file[]']);

const PARAM_NAME = /^[a-zA-Z_[\]]+$/;

// Printable ASCII but `#`: what a client's URL encoder emits. The upstream request would drop a
// `#` and all after it, so Prometheus would read other parameters than were checked here.
const QUERY_STRING = /^[\x21\x22\x24-\x7e]*$/;

export type ParamRefusalReason = 'bad_param' | 'duplicate_param';

export interface ParamRefusal {
  reason: ParamRefusalReason;
  message: string;
}

export interface ParamSources {
  /** The raw query string, without the `?`. */
  query: string;
  /** The decoded text of a form body, when the request has one. */
  form?: string;
}

/** Returns why the parameters are refused, or undefined when they may be forwarded. */
export function checkParams({ query, form }: ParamSources): ParamRefusal | undefined {
  if (!QUERY_STRING.test(query)) {
    return { reason: 'bad_param', message: 'The query string must be URL-encoded ASCII' };
  }
  const seen = new Set<string>();
  for (const [where, text] of [
    ['query string', query],
    ['form body', form ?? ''],
  ] as const) {
    const names = parseNames(text);
    if (!Array.isArray(names)) {
      return { reason: 'bad_param', message: `The ${where} ${names.message}` };
    }
    for (const name of names) {
      if (!PARAM_NAME.test(name)) {
        return { reason: 'bad_param', message: `Parameter names are letters, _ and [] (got ${JSON.stringify(name)})` };
      }
      if (seen.has(name) && !LIST_PARAMS.has(name)) {
        return {
          reason: 'duplicate_param',
          message: `Parameter ${name} may be given only once, in the URL or in the body`,
        };
      }
      seen.add(name);
    }
  }
  return undefined;
}

/**
 * The parameters in one canonical text: decoded, in order of name (the values of a list parameter
 * keep theirs), so that requests Prometheus reads alike compare equal. Only for sources that
 * checkParams accepted.
 */
export function canonicalParams({ query, form }: ParamSources): string {
  const fromQuery = parsePairs(query);
  const fromForm = parsePairs(form ?? '');
  if (!Array.isArray(fromQuery) || !Array.isArray(fromForm)) throw new Error('canonicalParams: unchecked parameters');
  return [...fromQuery, ...fromForm]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`)
    .join('&');
}

/**
 * The decoded names of a `application/x-www-form-urlencoded` text, split and decoded the way
 * Go's url.ParseQuery does (which Prometheus uses), except that what Go skips with an error
 * (`;` separators, bad `%` escapes) is refused here, as is text that is not UTF-8.
 */
function parseNames(text: string): string[] | { message: string } {
  const pairs = parsePairs(text);
  return Array.isArray(pairs) ? pairs.map(([name]) => name) : pairs;
}

function parsePairs(text: string): [name: string, value: string][] | { message: string } {
  const pairs: [string, string][] = [];
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    if (pair.includes(';')) return { message: 'separates parameters with ;, use &' };
    const separator = pair.indexOf('=');
    const name = decodeComponent(separator === -1 ? pair : pair.slice(0, separator));
    const value = separator === -1 ? '' : decodeComponent(pair.slice(separator + 1));
    if (name === undefined || value === undefined) return { message: 'holds a malformed %-escape' };
    pairs.push([name, value]);
  }
  return pairs;
}

function decodeComponent(text: string): string | undefined {
  try {
    return decodeURIComponent(text.replaceAll('+', ' '));
  } catch {
    return undefined;
  }
}
