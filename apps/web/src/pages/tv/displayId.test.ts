import { describe, expect, it } from 'vitest';
import { DISPLAY_ID_KEY, generateDisplayId, resolveDisplayId } from './displayId.ts';

function memoryStorage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
  };
}

describe('resolveDisplayId', () => {
  it("prefers the URL's id", () => {
    expect(resolveDisplayId('noc-1', memoryStorage({ [DISPLAY_ID_KEY]: 'tv-stored' }))).toBe('noc-1');
  });

  it('reuses the stored id', () => {
    expect(resolveDisplayId(undefined, memoryStorage({ [DISPLAY_ID_KEY]: 'tv-0123456789ab' }))).toBe('tv-0123456789ab');
  });

  it('generates an id once and keeps it', () => {
    const storage = memoryStorage();
    const first = resolveDisplayId(undefined, storage);
    expect(first).toMatch(/^tv-[0-9a-f]{12}$/);
    expect(storage.items.get(DISPLAY_ID_KEY)).toBe(first);
    expect(resolveDisplayId(undefined, storage)).toBe(first);
  });

  it('replaces a stored id the API would refuse', () => {
    expect(resolveDisplayId(undefined, memoryStorage({ [DISPLAY_ID_KEY]: 'not valid!' }), () => 'tv-new')).toBe(
      'tv-new',
    );
  });

  it('still has an id when storage refuses', () => {
    const refusing = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('SecurityError');
      },
    };
    expect(resolveDisplayId(undefined, refusing, () => 'tv-session')).toBe('tv-session');
  });

  it('generates different ids', () => {
    expect(generateDisplayId()).not.toBe(generateDisplayId());
  });
});
