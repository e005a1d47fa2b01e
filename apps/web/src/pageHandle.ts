import { useMatches } from 'react-router';
import type { Feature } from './features.ts';

/** What the route table says of a page (a route's `handle`): its name and purpose. */
export interface PageHandle {
  /** The top bar's link and the page's heading. */
  title: string;
  description: string;
  /** The tab's title; `<title> · Promwall` when absent. */
  documentTitle?: string;
  /** The page sets the tab's title itself, from what it loads (a board's title). */
  namesItself?: boolean;
  /**
   * A link in the top bar, in table order: `app` moves within the app, `document` loads a new
   * page (the wall, which a kiosk browser opens on its own).
   */
  nav?: 'app' | 'document';
  /** In the top bar only when the server has this feature (see features.ts). */
  requires?: Feature;
}

/** The handle of the deepest route matched that has one. */
export function usePageHandle(): PageHandle {
  const matches = useMatches();
  for (let i = matches.length - 1; i >= 0; i--) {
    if (matches[i]!.handle !== undefined) return matches[i]!.handle as PageHandle;
  }
  throw new Error('usePageHandle: no route above this component declares a page handle');
}

export const documentTitle = (handle: PageHandle) => handle.documentTitle ?? `${handle.title} · Promwall`;
