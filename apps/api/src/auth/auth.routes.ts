import type { Session } from '@promwall/core/schemas';
import { Router } from 'express';
import { ApiError } from '../http/errors.ts';
import { noParams, parseQuery } from '../http/query.ts';
import { bearerToken, clearTokenCookie, cookieToken, setTokenCookie, type CookieSettings } from './auth.guard.ts';
import type { TokenVerifier } from './auth.tokens.ts';

/**
 * The browser's session: whether a token is needed and whose the cookie holds (`GET`), signing in
 * with a pasted token (`POST`, the token as a Bearer header, never in a URL or a body that a
 * form could send from another site), and signing out (`DELETE`).
 */
export function sessionRoutes(verifier: TokenVerifier, cookie: CookieSettings): Router {
  const router = Router();

  router.get('/api/v1/session', (req, res) => {
    parseQuery(noParams, req);
    const { principal } = req;
    // The app asks at every page load: a wall that reloads daily keeps its cookie for good.
    const token = cookieToken(req);
    if (principal && token) setTokenCookie(req, res, token, cookie);
    res.setHeader('Cache-Control', 'no-store');
    const body: Session = { authRequired: verifier.enabled, principal: principal ?? null };
    res.json(body);
  });

  router.post('/api/v1/session', (req, res) => {
    parseQuery(noParams, req);
    if (!verifier.enabled) {
      throw new ApiError(400, 'auth_not_configured', 'Promwall asks for no token: auth.tokens is not configured');
    }
    const token = bearerToken(req);
    if (!token || !req.principal) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="Promwall"');
      throw new ApiError(
        401,
        'unauthorized',
        req.headers.authorization ? 'The access token is not valid' : 'Send the token as Authorization: Bearer <token>',
      );
    }
    setTokenCookie(req, res, token, cookie);
    res.setHeader('Cache-Control', 'no-store');
    res.status(204).end();
  });

  router.delete('/api/v1/session', (req, res) => {
    parseQuery(noParams, req);
    clearTokenCookie(req, res, cookie);
    res.status(204).end();
  });

  return router;
}
