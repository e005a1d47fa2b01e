/** The product's pages, in navigation order. */
export interface PageInfo {
  path: string;
  title: string;
  description: string;
}

export const PAGES = [
  {
    path: '/',
    title: 'Overview',
    description: 'Headline metrics, scrape targets and alerts of your Prometheus server at a glance.',
  },
  {
    path: '/explore',
    title: 'Explore',
    description: 'Run PromQL queries and see the results as a table or a graph.',
  },
  {
    path: '/targets',
    title: 'Targets',
    description: 'Every scrape target with its health, last scrape and last error.',
  },
  {
    path: '/alerts',
    title: 'Alerts',
    description: 'Firing and pending alerts, with their severity and how long they have been active.',
  },
  {
    path: '/tv',
    title: 'TV',
    description: 'A full-screen wall view for an always-on display, readable from across the room.',
  },
] as const satisfies readonly PageInfo[];

/** Finds the page for a pathname, ignoring a trailing slash. */
export function pageFor(pathname: string): PageInfo | undefined {
  const normalised = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  return PAGES.find((page) => page.path === normalised);
}
