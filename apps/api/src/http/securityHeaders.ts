import type { RequestHandler } from 'express';

// The built web app loads only its own hashed scripts and stylesheets and talks only to this
// origin, so nothing inline or third-party runs. Inline *styles* are allowed: the PromQL editor
// (CodeMirror) and the charts inject their computed styles at run time.
const policy = (frameAncestors: string[]) =>
  [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors.join(' ')}`,
  ].join('; ');

/**
 * Security headers for every answer. Only /embed pages may be framed by the sites the
 * configuration names (`embed.frameAncestors`); everything else, by this origin alone.
 */
export function securityHeaders(embedFrameAncestors: string[], basePath: string): RequestHandler {
  const sameOrigin = policy(["'self'"]);
  const embed = policy(embedFrameAncestors);
  // X-Frame-Options predates CSP and cannot name other sites: send it only where it agrees.
  const embedXfo = embedFrameAncestors.every((source) => source === "'self'") ? 'SAMEORIGIN' : undefined;
  const embedPath = `${basePath}/embed`;
  return (req, res, next) => {
    const embedded = req.path === embedPath || req.path.startsWith(`${embedPath}/`);
    res.setHeader('Content-Security-Policy', embedded ? embed : sameOrigin);
    const xfo = embedded ? embedXfo : 'SAMEORIGIN';
    if (xfo) res.setHeader('X-Frame-Options', xfo);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    next();
  };
}
