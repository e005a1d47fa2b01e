/** An optional part of Promwall that the server may have: `history` needs its database. */
export type Feature = 'history';

/**
 * The features the server named in `<meta name="promwall-features">`, which it writes into the
 * page beside `<base href>`. Without the element (the `vite` dev server) there are none.
 */
export function featuresOf(doc: Pick<Document, 'querySelector'>): ReadonlySet<string> {
  const content = doc.querySelector('meta[name="promwall-features"]')?.getAttribute('content') ?? '';
  return new Set(content.split(/\s+/).filter(Boolean));
}

// Outside a browser (unit tests in Node) there is no page, and so no feature.
export const FEATURES: ReadonlySet<string> = typeof document === 'undefined' ? new Set() : featuresOf(document);
