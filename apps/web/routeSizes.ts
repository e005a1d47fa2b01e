import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/** Routes and the page modules they load before their first render. */
const ROUTES: Record<string, string[]> = {
  '/': ['OverviewPage'],
  '/explore': ['ExplorePage'],
  '/targets': ['TargetsPage'],
  '/alerts': ['AlertsPage'],
  '/history': ['HistoryPage'],
  '/tv': ['TvPage'],
  // A wall showing boards loads the board wall after the wall's own page.
  '/tv?dashboard=': ['TvPage', 'BoardWall'],
  '/embed/…': ['EmbedPage'],
  '/embed/d/…': ['EmbedBoardPanel'],
  '/d/…': ['DashboardPage'],
};

interface ChunkInfo {
  code: string;
  imports: string[];
  isEntry: boolean;
  name: string;
}

/** Budgets of first-load JavaScript (gzip): a TV's browser is the weakest that runs Promwall. */
const BUDGETS: Record<string, number> = { '/tv': 200 * 1024, '/tv?dashboard=': 200 * 1024 };

/**
 * Prints, after a production build, the JavaScript each route loads before it can render:
 * the entry, the page's lazy chunk and everything either imports statically, gzipped. A route
 * over its budget fails the build.
 */
export function routeSizes(): Plugin {
  return {
    name: 'promwall-route-sizes',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = new Map<string, ChunkInfo>();
      for (const [file, output] of Object.entries(bundle)) {
        if (output.type === 'chunk') chunks.set(file, output);
      }
      const entry = [...chunks.entries()].find(([, chunk]) => chunk.isEntry);
      if (!entry) return;
      const gzipped = new Map<string, number>();
      const size = (file: string) => {
        if (!gzipped.has(file)) gzipped.set(file, gzipSync(chunks.get(file)!.code).length);
        return gzipped.get(file)!;
      };
      const closure = (roots: string[]) => {
        const seen = new Set<string>();
        const visit = (file: string) => {
          if (seen.has(file) || !chunks.has(file)) return;
          seen.add(file);
          chunks.get(file)!.imports.forEach(visit);
        };
        roots.forEach(visit);
        return [...seen].reduce((total, file) => total + size(file), 0);
      };
      const fileOf = (name: string) => [...chunks.entries()].find(([, chunk]) => chunk.name === name)?.[0];
      const rows = Object.entries(ROUTES)
        .map(([route, names]) => [route, names.map(fileOf)] as const)
        .filter(([, files]) => files.every((file) => file !== undefined))
        .map(([route, files]) => [route, closure([entry[0], ...(files as string[])])] as const)
        .sort((a, b) => a[0].localeCompare(b[0]));
      const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
      this.info(
        [
          'JavaScript per route before first render (gzip):',
          ...rows.map(([route, bytes]) => `  ${route.padEnd(16)} ${kb(bytes)}`),
        ].join('\n'),
      );
      for (const [route, bytes] of rows) {
        const budget = BUDGETS[route];
        if (budget !== undefined && bytes > budget)
          this.error(`${route} loads ${kb(bytes)} of JavaScript, over its budget of ${kb(budget)}`);
      }
    },
  };
}
