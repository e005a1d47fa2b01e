import { useEffect, useSyncExternalStore } from 'react';

export type ThemeChoice = 'system' | 'light' | 'dark';
const STORAGE_KEY = 'promwall.theme';
const CHANGE_EVENT = 'promwall:theme';
const prefersLight = () => window.matchMedia('(prefers-color-scheme: light)');

function readChoice(): ThemeChoice {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return stored === 'light' || stored === 'dark' ? stored : 'system';
  } catch {
    return 'system';
  }
}

function subscribe(onChange: () => void): () => void {
  const media = prefersLight();
  window.addEventListener(CHANGE_EVENT, onChange);
  window.addEventListener('storage', onChange);
  media.addEventListener('change', onChange);
  return () => {
    window.removeEventListener(CHANGE_EVENT, onChange);
    window.removeEventListener('storage', onChange);
    media.removeEventListener('change', onChange);
  };
}

export function setTheme(choice: ThemeChoice): void {
  try {
    if (choice === 'system') localStorage.removeItem(STORAGE_KEY);
    else localStorage.setItem(STORAGE_KEY, choice);
  } catch {
    // Storage may be off (private mode, a kiosk): the choice then lasts for this page only.
  }
  window.dispatchEvent(new Event(CHANGE_EVENT));
}

/** The chosen theme ('system' follows the operating system, and changes with it) and the one in
 * effect, which the stylesheet reads from `data-theme` on <html>. */
export function useTheme(): { choice: ThemeChoice; effective: 'light' | 'dark' } {
  const choice = useSyncExternalStore(subscribe, readChoice);
  const systemLight = useSyncExternalStore(subscribe, () => prefersLight().matches);
  const effective = choice === 'system' ? (systemLight ? 'light' : 'dark') : choice;
  useEffect(() => {
    document.documentElement.dataset.theme = effective;
  }, [effective]);
  return { choice, effective };
}
