import { roleAllows } from '@promwall/core/auth';
import { parseCookie } from 'cookie';
import { Router, type Request, type RequestHandler, type Response } from 'express';
import type { AuthConfig } from '../config.ts';
import { ApiError } from '../http/errors.ts';
import { accessOf, API_PATHS, type Access, type RouteAccess } from './auth.access.ts';
import type { Principal, TokenVerifier } from './auth.tokens.ts';

declare module 'express-serve-static-core' {
  interface Request {
    /** The holder of the token this request carried, when it was valid. */
    principal?: Principal;
    /** Why there is no principal. */
    credentials?: 'none' | 'invalid';
  }
}

/** The cookie a sign-in or a `?token=` link leaves: the token itself, out of scripts' reach. */
export const TOKEN_COOKIE = 'promwall_token';

/** RFC 6750's token68 syntax; anything else in Authorization is a credential Promwall does not take. */
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

type Presented = { token: string; via: 'header' | 'cookie' } | 'none' | 'invalid';

/** The token of an `Authorization: Bearer` header, or undefined. */
export function bearerToken(req: Request): string | undefined {
  const header = req.headers.authorization;
  return header === undefined ? undefined : BEARER.exec(header)?.[1];
}

/** The token of a request: the Authorization header when there is one, else the cookie. */
function presentedToken(req: Request): Presented {
  if (req.headers.authorization !== undefined) {
    const token = bearerToken(req);
    return token ? { token, via: 'header' } : 'invalid';
  }
  const cookies = req.headers.cookie;
  const token = cookies ? parseCookie(cookies)[TOKEN_COOKIE] : undefined;
  if (!token) return 'none';
  // SameSite=Strict already keeps the cookie off other sites' requests; a browser that says a
  // write comes from another site is not believed to act for the cookie's holder either.
  const site = req.headers['sec-fetch-site'];
  if (!SAFE_METHODS.has(req.method) && site !== undefined && site !== 'same-origin' && site !== 'none') return 'none';
  return { token, via: 'cookie' };
}

/**
 * Names the request's principal, or why there is none; refuses nothing itself, so that the rate
 * limit after it can count a client by its token and the guard decide by the route.
 */
export function authenticate(verifier: TokenVerifier): RequestHandler {
  return (req, _res, next) => {
    const presented = presentedToken(req);
    if (typeof presented === 'string') {
      req.credentials = presented;
    } else {
      req.principal = verifier.verify(presented.token);
      if (!req.principal) req.credentials = 'invalid';
    }
    next();
  };
}

function refusal(req: Request, res: Response, access: Exclude<Access, 'public'>): ApiError | undefined {
  const { principal } = req;
  if (!principal) {
    res.setHeader('WWW-Authenticate', 'Bearer realm="Promwall"');
    return req.credentials === 'invalid'
      ? new ApiError(401, 'unauthorized', 'The access token is not valid')
      : new ApiError(401, 'unauthorized', 'An access token is required: send Authorization: Bearer <token>');
  }
  if (roleAllows(principal.role, access)) return undefined;
  return new ApiError(
    403,
    'forbidden',
    `The token ${principal.name} has the ${principal.role} role; this needs the ${access} role`,
  );
}

function requireAccess(access: Access): RequestHandler {
  return (req, res, next) => {
    if (access !== 'public') {
      const refused = refusal(req, res, access);
      if (refused) throw refused;
    }
    // Past the guard: the routes after it, not its own fallback, handle the request.
    next('router');
  };
}

/**
 * Enforces the access table before any route runs. Built as a router with the routes' own
 * paths, so that a request matches its rule exactly as it matches its route (the same case and
 * trailing-slash rules); an API path the table does not name needs an admin token.
 */
export function accessGuard(table: readonly RouteAccess[], auth: Pick<AuthConfig, 'publicMetrics'>): Router {
  const guard = Router();
  for (const rule of table) {
    const check = requireAccess(accessOf(rule, auth));
    if (rule.path.endsWith('/*')) guard.use(rule.path.slice(0, -2), check);
    else if (rule.method === 'ALL') guard.all(rule.path, check);
    else if (rule.method === 'GET') guard.get(rule.path, check);
    else if (rule.method === 'POST') guard.post(rule.path, check);
    else guard.delete(rule.path, check);
  }
  guard.use(API_PATHS, requireAccess('admin'));
  return guard;
}

export interface CookieSettings {
  basePath: string;
  maxAgeMs: number;
}

/** `Secure` when the request came over HTTPS (as `trust proxy` lets Express see it behind a proxy). */
function cookieOptions(req: Request, { basePath }: CookieSettings) {
  return { httpOnly: true, sameSite: 'strict', secure: req.secure, path: `${basePath}/` } as const;
}

export function setTokenCookie(req: Request, res: Response, token: string, settings: CookieSettings): void {
  res.cookie(TOKEN_COOKIE, token, { ...cookieOptions(req, settings), maxAge: settings.maxAgeMs });
}

export function clearTokenCookie(req: Request, res: Response, settings: CookieSettings): void {
  res.clearCookie(TOKEN_COOKIE, cookieOptions(req, settings));
}

/** The token a request carried in its cookie, for renewing the cookie. */
export function cookieToken(req: Request): string | undefined {
  const presented = presentedToken(req);
  return typeof presented !== 'string' && presented.via === 'cookie' ? presented.token : undefined;
}
