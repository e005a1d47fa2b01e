import { lazy, Suspense, useEffect, type ComponentType } from 'react';
import { ErrorBoundary } from './components/ErrorBoundary.tsx';
import { TopBar } from './components/TopBar.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { SectionPage } from './pages/SectionPage.tsx';
import { usePathname } from './router.tsx';
import { pageFor, type PageInfo } from './siteMap.ts';
import { useTheme } from './theme.ts';

interface PageProps {
  page: PageInfo;
}

// Each page is its own chunk: the overview does not carry the PromQL editor, nor Explore the
// overview's charts.
const lazyPage = (load: () => Promise<ComponentType<PageProps>>) => lazy(async () => ({ default: await load() }));

const PAGE_COMPONENTS: Record<string, ComponentType<PageProps>> = {
  '/': lazyPage(() => import('./pages/overview/OverviewPage.tsx').then((m) => m.OverviewPage)),
  '/explore': lazyPage(() => import('./pages/explore/ExplorePage.tsx').then((m) => m.ExplorePage)),
  '/targets': lazyPage(() => import('./pages/targets/TargetsPage.tsx').then((m) => m.TargetsPage)),
  '/alerts': lazyPage(() => import('./pages/alerts/AlertsPage.tsx').then((m) => m.AlertsPage)),
};

// Walls and embeds stand alone: no top bar, no navigation, nothing to click.
const TvPage = lazy(() => import('./pages/tv/TvPage.tsx').then((m) => ({ default: m.TvPage })));
const EmbedPage = lazy(() => import('./pages/tv/embed/EmbedPage.tsx').then((m) => ({ default: m.EmbedPage })));
const DashboardPage = lazy(() =>
  import('./pages/dashboard/DashboardPage.tsx').then((m) => ({ default: m.DashboardPage })),
);

const EmbedBoardPanel = lazy(() =>
  import('./pages/tv/embed/EmbedBoardPanel.tsx').then((m) => ({ default: m.EmbedBoardPanel })),
);

/** `/d/{id}`: a board, by the id its file name gives it. */
const BOARD_PATH = /^\/d\/([A-Za-z0-9_-]{1,64})\/?$/;

function PageLoading() {
  return (
    <div className="page-loading" aria-busy="true">
      <span className="visually-hidden">Loading page…</span>
    </div>
  );
}

export function App() {
  const pathname = usePathname();
  if (pathname === '/tv' || pathname === '/tv/') {
    return (
      <Suspense fallback={null}>
        <TvPage />
      </Suspense>
    );
  }
  const boardPanel = /^\/embed\/d\/([A-Za-z0-9_-]{1,64})\/([A-Za-z0-9_-]{1,64})\/?$/.exec(pathname);
  if (boardPanel) {
    return (
      <Suspense fallback={null}>
        <EmbedBoardPanel board={boardPanel[1]!} panel={boardPanel[2]!} />
      </Suspense>
    );
  }
  const embedded = /^\/embed\/([A-Za-z0-9-]+)\/?$/.exec(pathname);
  if (embedded) {
    return (
      <Suspense fallback={null}>
        <EmbedPage panel={embedded[1]!} />
      </Suspense>
    );
  }
  return <Shell pathname={pathname} />;
}

function Shell({ pathname }: { pathname: string }) {
  const page = pageFor(pathname);
  useTheme();

  const board = BOARD_PATH.exec(pathname)?.[1];

  useEffect(() => {
    // A board names the document itself, once it knows its title.
    if (board) return;
    document.title = page && page.path !== '/' ? `${page.title} · Promwall` : 'Promwall';
  }, [page, board]);

  const Page = page ? (PAGE_COMPONENTS[page.path] ?? SectionPage) : undefined;
  return (
    <div className="app-shell" data-testid="app-shell">
      <TopBar currentPath={board ? `/d/${board}` : page?.path} />
      <main className="app-shell__main">
        {/* Keyed by path so that leaving a failed page clears its error. */}
        <ErrorBoundary key={pathname}>
          <Suspense fallback={<PageLoading />}>
            {board ? (
              <DashboardPage id={board} />
            ) : Page && page ? (
              <Page page={page} />
            ) : (
              <NotFoundPage pathname={pathname} />
            )}
          </Suspense>
        </ErrorBoundary>
      </main>
    </div>
  );
}
