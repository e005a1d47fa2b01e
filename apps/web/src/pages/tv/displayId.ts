import { DISPLAY_ID_PATTERN } from '@promwall/core/tv';
/** Where a wall without `?id=` keeps the id it generated, so it reports as the same display after reloads. */
export const DISPLAY_ID_KEY = 'promwall.displayId';

/** `tv-` and 12 hex digits. crypto.randomUUID exists only in secure contexts, which a TV on plain
 * http:// on the office network is not; getRandomValues exists everywhere. */
export function generateDisplayId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(6));
  return `tv-${Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}

type IdStorage = Pick<Storage, 'getItem' | 'setItem'>;

/** The URL's id, else the stored one, else a new one, stored when storage allows. */
export function resolveDisplayId(
  fromUrl: string | undefined,
  storage: IdStorage | undefined,
  generate: () => string = generateDisplayId,
): string {
  if (fromUrl) return fromUrl;
  try {
    const stored = storage?.getItem(DISPLAY_ID_KEY);
    if (stored && DISPLAY_ID_PATTERN.test(stored)) return stored;
  } catch {
    // Storage refused (a locked-down kiosk profile): fall through to a fresh id.
  }
  const id = generate();
  try {
    storage?.setItem(DISPLAY_ID_KEY, id);
  } catch {
    // The id then lasts as long as this page; the wall still reports.
  }
  return id;
}
