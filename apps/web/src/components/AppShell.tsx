import { useEffect } from 'react';
import { Outlet, ScrollRestoration, useNavigation } from 'react-router';
import { documentTitle, usePageHandle } from '../pageHandle.ts';
import { useTheme } from '../theme.ts';
import { AccessGate } from './access/AccessGate.tsx';
import { StaleBoundary } from './StaleBoundary.tsx';
import { TopBar } from './TopBar.tsx';

/** Shown in a page's place while its chunk loads. */
export function PageLoading() {
  return (
    <div className="page-loading" aria-busy="true">
      <span className="visually-hidden">Loading page…</span>
    </div>
  );
}

/**
 * The frame of the pages people use at a browser: the top bar, and the page below it, which
 * needs a viewer token when Promwall asks for tokens.
 */
export function AppShell() {
  useTheme();
  const page = usePageHandle();
  // A page's chunk loads before the router moves to it; meanwhile the current page stays, marked busy.
  const navigating = useNavigation().state === 'loading';

  useEffect(() => {
    if (!page.namesItself) document.title = documentTitle(page);
  }, [page]);

  return (
    <div className="app-shell" data-testid="app-shell">
      <TopBar />
      <main className="app-shell__main" aria-busy={navigating || undefined}>
        <AccessGate needs="viewer" variant="page" what={page.title} checking={<PageLoading />}>
          <StaleBoundary>
            <Outlet />
          </StaleBoundary>
        </AccessGate>
      </main>
      {/* Back and Forward return to where a page was scrolled; a new page starts at its top. */}
      <ScrollRestoration getKey={(location) => location.pathname} />
    </div>
  );
}
