// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { basePathOf } from './basePath.ts';

function documentWith(baseHref: string | undefined, url = 'http://ops.example.com/promwall/targets'): Document {
  const doc = document.implementation.createHTMLDocument('Promwall');
  if (baseHref !== undefined) {
    const base = doc.createElement('base');
    base.setAttribute('href', baseHref);
    doc.head.append(base);
  }
  return {
    querySelector: (selector: string) => doc.querySelector(selector),
    baseURI: baseHref === undefined ? url : new URL(baseHref, url).toString(),
  } as Document;
}

describe('basePathOf', () => {
  it.each([
    ['/promwall/', '/promwall'],
    ['/ops/promwall/', '/ops/promwall'],
    ['/', ''],
    ['http://ops.example.com/promwall/', '/promwall'],
  ])('reads <base href="%s"> as %j', (href, expected) => {
    expect(basePathOf(documentWith(href))).toBe(expected);
  });

  it('is empty without a <base> element, whatever the page URL', () => {
    expect(basePathOf(documentWith(undefined))).toBe('');
  });
});
