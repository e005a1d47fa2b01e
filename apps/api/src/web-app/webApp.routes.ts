import { readFile, stat } from 'node:fs/promises';
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
 * The page with `<base href>` set to the base path. The build refers to its files relatively
 * (Vite's `base: './'`) and the app reads its base path from this element, so one build serves
 * under any prefix.
 */
export function withBaseHref(html: string, href: string): string {
  const tag = `<base href="${href}" />`;
  const existing = /<base\b[^>]*>/i;
  if (existing.test(html)) return html.replace(existing, tag);
  // Before anything else in the head: a URL resolved before the element would miss the prefix.
  const head = /<head\b[^>]*>/i.exec(html) ?? /<!doctype[^>]*>/i.exec(html);
  if (!head) return `${tag}${html}`;
  const end = head.index + head[0].length;
  return `${html.slice(0, end)}${tag}${html.slice(end)}`;
}

/**
 * The page with the server's optional features named, `<meta name="promwall-features" content="history">`,
 * after its `<base>`: the app shows a feature's page in its navigation only when it is there,
 * knowing it from the first render, without asking and without an error answer in the console.
 */
export function withFeatures(html: string, features: readonly string[]): string {
  const base = /<base\b[^>]*>/i.exec(html);
  if (!base) return html;
  const end = base.index + base[0].length;
  return `${html.slice(0, end)}<meta name="promwall-features" content="${features.join(' ')}" />${html.slice(end)}`;
}

/** index.html with its `<base>` and features, made once per build of the file rather than once per request. */
function indexPage(webDir: string, basePath: string, features: readonly string[]): () => Promise<Buffer> {
  const file = path.join(webDir, 'index.html');
  let cached: { mtimeMs: number; size: number; page: Buffer } | undefined;
  return async () => {
    const { mtimeMs, size } = await stat(file);
    if (cached?.mtimeMs !== mtimeMs || cached.size !== size) {
      const page = Buffer.from(withFeatures(withBaseHref(await readFile(file, 'utf8'), `${basePath}/`), features));
      cached = { mtimeMs, size, page };
    }
    return cached.page;
  };
}

/**
 * Serves the built single-page app from `webDir`: its files as they are, and index.html for
 * every other GET so that client-side routes such as /explore load the app. Mount it at the
 * base path, after every API route: it answers anything they left.
 */
export function webAppRoutes({
  dir: webDir,
  basePath,
  features,
}: {
  dir: string;
  basePath: string;
  /** Optional features this server has, e.g. `history` when a database is configured. */
  features: readonly string[];
}): Router {
  const router = Router();
  const index = indexPage(webDir, basePath, features);

  router.use(
    express.static(webDir, {
      index: false,
      redirect: false,
      setHeaders: setCacheHeaders,
    }),
  );

  router.use(async (req, res, next) => {
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
    let page: Buffer;
    try {
      page = await index();
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw err;
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
    res.setHeader('Cache-Control', 'no-cache');
    res.type('html').send(page);
  });

  return router;
}
