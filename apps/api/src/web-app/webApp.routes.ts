import path from 'node:path';
import express, { Router, type Response } from 'express';
import { toErrorBody } from '../http/errors.ts';

// Vite names files under assets/ by content hash, so a given URL never changes content.
const ASSETS_PREFIX = '/assets/';

function setCacheHeaders(res: Response, filePath: string): void {
  const isHashedAsset = filePath.includes(`${path.sep}assets${path.sep}`);
  res.setHeader('Cache-Control', isHashedAsset ? 'public, max-age=31536000, immutable' : 'no-cache');
}

/**
 * Serves the built single-page app from `webDir`: its files as they are, and index.html for
 * every other GET so that client-side routes such as /explore load the app. Mount it after
 * every API route: it answers anything they left.
 */
export function webAppRoutes(webDir: string): Router {
  const router = Router();

  router.use(
    express.static(webDir, {
      index: false,
      redirect: false,
      setHeaders: setCacheHeaders,
    }),
  );

  router.use((req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      next();
      return;
    }
    // A missing hashed asset means a stale page asking for an old build; answering with
    // index.html would hand HTML to a <script> tag and hide the real problem.
    if (req.path.startsWith(ASSETS_PREFIX)) {
      next();
      return;
    }
    res.sendFile('index.html', { root: webDir, headers: { 'Cache-Control': 'no-cache' } }, (err) => {
      const code = (err as NodeJS.ErrnoException | undefined)?.code;
      // ECONNABORTED: the client went away; there is nobody left to answer.
      if (!err || res.headersSent || code === 'ECONNABORTED') return;
      if (code === 'ENOENT') {
        req.log.warn({ webDir }, 'web app not built: index.html is missing');
        res
          .status(503)
          .json(
            toErrorBody(
              'web_app_not_built',
              'The web app is not built: run `npm run build`, or point PROMWALL_WEB_DIR at a built web app',
            ),
          );
        return;
      }
      next(err);
    });
  });

  return router;
}
