import { TOKEN_PARAM } from '@promwall/core/auth';
import type { RequestHandler } from 'express';
import { setTokenCookie, type CookieSettings } from './auth.guard.ts';
import type { TokenVerifier } from './auth.tokens.ts';

function isTokenParam(pair: string): boolean {
  const name = pair.split('=', 1)[0]!.replaceAll('+', ' ');
  try {
    return decodeURIComponent(name) === TOKEN_PARAM;
  } catch {
    return false;
  }
}

/**
 * A query string's `token` values and the rest of it, untouched. Names are compared decoded, as
 * URLSearchParams reads them, so that `%74oken=` is a token too.
 */
export function splitTokenParam(query: string): { tokens: string[]; rest: string } {
  const tokens: string[] = [];
  const rest: string[] = [];
  for (const pair of query.split('&')) {
    if (!isTokenParam(pair)) {
      rest.push(pair);
      continue;
    }
    const value = pair.slice(pair.indexOf('=') + 1 || pair.length).replaceAll('+', ' ');
    try {
      tokens.push(decodeURIComponent(value));
    } catch {
      tokens.push('');
    }
  }
  return { tokens, rest: rest.join('&') };
}

/** A URL as logs may hold it: any `token` parameter's value replaced. */
export function redactTokenParam(url: string): string {
  const queryStart = url.indexOf('?');
  if (queryStart === -1) return url;
  const pairs = url.slice(queryStart + 1).split('&');
  if (!pairs.some(isTokenParam)) return url;
  const redacted = pairs.map((pair) => (isTokenParam(pair) ? `${TOKEN_PARAM}=[redacted]` : pair));
  return `${url.slice(0, queryStart)}?${redacted.join('&')}`;
}

/**
 * The exchange of a `?token=` page URL, for walls that cannot send headers: a valid token becomes
 * the cookie, and either way the browser is sent to the same URL without it, so that the token
 * stays out of the address bar, the history and any Referer. Mount it where only page requests
 * reach (after the API's routes).
 */
export function tokenLinkExchange(verifier: TokenVerifier, cookie: CookieSettings): RequestHandler {
  return (req, res, next) => {
    const queryStart = req.originalUrl.indexOf('?');
    if ((req.method !== 'GET' && req.method !== 'HEAD') || queryStart === -1) {
      next();
      return;
    }
    const { tokens, rest } = splitTokenParam(req.originalUrl.slice(queryStart + 1));
    if (tokens.length === 0) {
      next();
      return;
    }
    // Two tokens in one link are one too many to guess between.
    const principal = tokens.length === 1 ? verifier.verify(tokens[0]!) : undefined;
    if (principal) setTokenCookie(req, res, tokens[0]!, cookie);
    // A path that starts with // or /\ would be taken as another host's address: one slash only.
    const path = req.originalUrl.slice(0, queryStart).replace(/^[/\\]+/, '/');
    res.setHeader('Cache-Control', 'no-store');
    res.redirect(303, rest ? `${path}?${rest}` : path);
  };
}
