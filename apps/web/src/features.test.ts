// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { featuresOf } from './features.ts';

function page(head: string): Document {
  return new DOMParser().parseFromString(`<!doctype html><html><head>${head}</head><body></body></html>`, 'text/html');
}

describe('featuresOf', () => {
  it('reads the features the server named', () => {
    expect(featuresOf(page('<meta name="promwall-features" content="history" />'))).toEqual(new Set(['history']));
  });

  it('finds none without the element, or in an empty one', () => {
    expect(featuresOf(page(''))).toEqual(new Set());
    expect(featuresOf(page('<meta name="promwall-features" content="" />'))).toEqual(new Set());
  });
});
