import type { RequestHandler } from 'express';

// The built web app loads only its own hashed scripts and stylesheets and talks only to this
// origin, so nothing inline or third-party is allowed. `data:` images cover inline SVG icons.
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ');

export const securityHeaders: RequestHandler = (_req, res, next) => {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  // For browsers that predate CSP frame-ancestors.
  res.setHeader('X-Frame-Options', 'SAMEORIGIN');
  next();
};
