import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { createBrowserRouter, RouterProvider, type RouteObject } from 'react-router';
import { onTestFinished } from 'vitest';
import { routes } from '../routes.tsx';

/** `table` in a browser router at `url`, on the window's history as the app runs, with a fresh
 * query client that does not retry. */
function renderRoutes(table: RouteObject[], url: string) {
  window.history.replaceState(null, '', url);
  const router = createBrowserRouter(table);
  onTestFinished(() => router.dispose());
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return router;
}

/** The app's route table at `url`. For component tests only. */
export function renderApp(url: string) {
  return renderRoutes(routes, url);
}

/** One element at every URL, for components that link or read the URL. For component tests only. */
export function renderInRouter(element: ReactElement, url = '/') {
  return renderRoutes([{ path: '*', element }], url);
}
