import { describe, expect, it } from 'vitest';
import { pageFor } from './siteMap.ts';

describe('pageFor', () => {
  it('finds the overview at the root', () => {
    expect(pageFor('/')?.title).toBe('Overview');
  });

  it('ignores a trailing slash', () => {
    expect(pageFor('/targets/')?.title).toBe('Targets');
  });

  it('finds nothing for an unknown path', () => {
    expect(pageFor('/nope')).toBeUndefined();
    expect(pageFor('/targets/extra')).toBeUndefined();
  });
});
