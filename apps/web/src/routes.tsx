import type { ComponentType } from 'react';
import type { RouteObject } from 'react-router';
import { WallAccess } from './components/access/WallAccess.tsx';
import { AppShell, PageLoading } from './components/AppShell.tsx';
import { RouteError } from './components/RouteError.tsx';
import type { PageHandle } from './pageHandle.ts';
import { NotFoundPage } from './pages/NotFoundPage.tsx';

// Each page is its own chunk, loaded when its route matches: the overview does not carry the
// PromQL editor, nor Explore the overview's charts, nor the wall either of them.
const page = (load: () => Promise<ComponentType>) => async () => ({ Component: await load() });

// Walls and embeds render nothing until their chunk is there: a kiosk screen shows no spinner.
const Nothing = () => null;

/**
 * Every page of the web app, in the top bar's order. The shell (top bar, theme) frames the pages
 * for people at a browser; the wall and embeds stand alone beside it. Paths are relative to the
 * base path, which the router is given as its basename. The shell's pages need a viewer token,
 * the wall and embeds a kiosk token, when Promwall asks for tokens (AccessGate).
 */
export const routes: RouteObject[] = [
  {
    path: '/',
    Component: AppShell,
    ErrorBoundary: RouteError,
    children: [
      {
        index: true,
        handle: {
          title: 'Overview',
          description: 'Headline metrics, scrape targets and alerts of your Prometheus server at a glance.',
          documentTitle: 'Promwall',
          nav: 'app',
        } satisfies PageHandle,
        lazy: page(() => import('./pages/overview/OverviewPage.tsx').then((m) => m.OverviewPage)),
        ErrorBoundary: RouteError,
        HydrateFallback: PageLoading,
      },
      {
        path: 'explore',
        handle: {
          title: 'Explore',
          description: 'Run PromQL queries and see the results as a table or a graph.',
          nav: 'app',
        } satisfies PageHandle,
        lazy: page(() => import('./pages/explore/ExplorePage.tsx').then((m) => m.ExplorePage)),
        ErrorBoundary: RouteError,
        HydrateFallback: PageLoading,
      },
      {
        path: 'targets',
        handle: {
          title: 'Targets',
          description: 'Every scrape target with its health, last scrape and last error.',
          nav: 'app',
        } satisfies PageHandle,
        lazy: page(() => import('./pages/targets/TargetsPage.tsx').then((m) => m.TargetsPage)),
        ErrorBoundary: RouteError,
        HydrateFallback: PageLoading,
      },
      {
        path: 'alerts',
        handle: {
          title: 'Alerts',
          description: 'Firing and pending alerts, with their severity and how long they have been active.',
          nav: 'app',
        } satisfies PageHandle,
        lazy: page(() => import('./pages/alerts/AlertsPage.tsx').then((m) => m.AlertsPage)),
        ErrorBoundary: RouteError,
        HydrateFallback: PageLoading,
      },
      {
        path: 'history',
        handle: {
          title: 'History',
          description: 'Months of the headline metrics, kept in PostgreSQL, and their rows as CSV.',
          nav: 'app',
          requires: 'history',
        } satisfies PageHandle,
        lazy: page(() => import('./pages/history/HistoryPage.tsx').then((m) => m.HistoryPage)),
        ErrorBoundary: RouteError,
        HydrateFallback: PageLoading,
      },
      {
        // A board of the dashboards folder; listed in the top bar's boards menu, not as a page.
        path: 'd/:id',
        handle: {
          title: 'Board',
          description: 'A board from the dashboards folder: its panels, variables, range and refresh.',
          namesItself: true,
        } satisfies PageHandle,
        lazy: page(() => import('./pages/dashboard/DashboardPage.tsx').then((m) => m.DashboardPage)),
        ErrorBoundary: RouteError,
        HydrateFallback: PageLoading,
      },
      {
        path: '*',
        handle: { title: 'Page not found', description: 'Promwall has no page here.' } satisfies PageHandle,
        Component: NotFoundPage,
      },
    ],
  },
  {
    // The wall and embeds stand alone, behind a kiosk token when Promwall asks for tokens.
    Component: WallAccess,
    ErrorBoundary: RouteError,
    children: [
      {
        path: 'tv',
        handle: {
          title: 'TV',
          description: 'A full-screen wall view for an always-on display, readable from across the room.',
          nav: 'document',
        } satisfies PageHandle,
        lazy: page(() => import('./pages/tv/TvPage.tsx').then((m) => m.TvPage)),
        ErrorBoundary: RouteError,
        HydrateFallback: Nothing,
      },
      {
        path: 'embed/d/:board/:panel',
        lazy: page(() => import('./pages/tv/embed/EmbedBoardPanel.tsx').then((m) => m.EmbedBoardPanel)),
        ErrorBoundary: RouteError,
        HydrateFallback: Nothing,
      },
      ...['embed/:panel', 'embed/:panel/:view'].map((path): RouteObject => ({
        path,
        lazy: page(() => import('./pages/tv/embed/EmbedPage.tsx').then((m) => m.EmbedPage)),
        ErrorBoundary: RouteError,
        HydrateFallback: Nothing,
      })),
    ],
  },
];

export interface NavEntry extends PageHandle {
  /** Relative to the base path, as router links take it. */
  to: string;
}

const join = (parent: string, path: string) => (path.startsWith('/') ? path : `${parent.replace(/\/$/, '')}/${path}`);

/** The top bar's links, read from the table: a page is listed where it is declared. */
export function navEntries(table: readonly RouteObject[] = routes, parent = '/'): NavEntry[] {
  return table.flatMap((route) => {
    const path = route.index ? parent : join(parent, route.path ?? '');
    const handle = route.handle as PageHandle | undefined;
    return [...(handle?.nav ? [{ ...handle, to: path }] : []), ...navEntries(route.children ?? [], path)];
  });
}
