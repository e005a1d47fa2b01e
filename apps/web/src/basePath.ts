/**
 * The path Promwall is served under (`web.basePath`, e.g. `/promwall`), read from the
 * `<base href>` the server writes into the page, so one build works under any prefix. Without
 * the element (the `vite` dev server) it is `''`.
 */
export function basePathOf(doc: Pick<Document, 'querySelector' | 'baseURI'>): string {
  if (!doc.querySelector('base[href]')) return '';
  return new URL(doc.baseURI).pathname.replace(/\/+$/, '');
}

// Outside a browser (unit tests in Node) there is no page, and so no prefix.
export const BASE_PATH: string = typeof document === 'undefined' ? '' : basePathOf(document);
