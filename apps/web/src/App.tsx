import { useEffect } from 'react';
import { ErrorBoundary } from './components/ErrorBoundary';
import { TopBar } from './components/TopBar';
import { pageFor, type PageInfo } from './siteMap';
import { NotFoundPage } from './pages/NotFoundPage';
import { OverviewPage } from './pages/OverviewPage';
import { SectionPage } from './pages/SectionPage';
import { usePathname } from './router';

interface PageContentProps {
  page: PageInfo | undefined;
  pathname: string;
}

function PageContent({ page, pathname }: PageContentProps) {
  if (!page) return <NotFoundPage pathname={pathname} />;
  if (page.path === '/') return <OverviewPage page={page} />;
  return <SectionPage page={page} />;
}

export function App() {
  const pathname = usePathname();
  const page = pageFor(pathname);

  useEffect(() => {
    document.title = page && page.path !== '/' ? `${page.title} · Promwall` : 'Promwall';
  }, [page]);

  return (
    <div className="app-shell" data-testid="app-shell">
      <TopBar currentPath={page?.path} />
      <main className="app-shell__main">
        {/* Keyed by path so that leaving a failed page clears its error. */}
        <ErrorBoundary key={pathname}>
          <PageContent page={page} pathname={pathname} />
        </ErrorBoundary>
      </main>
    </div>
  );
}
