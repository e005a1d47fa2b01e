import { useEffect } from 'react';
import type { TvTheme } from './tvSettings.ts';

/** The mouse pointer disappears after this long without movement. */
export const IDLE_CURSOR_MS = 3_000;

/**
 * Makes the document a kiosk screen while a wall or an embed is open: no scrollbars on <html>
 * and <body>, the wall's own background (not the app's stored theme), the pointer hidden when
 * the mouse rests, and Escape swallowed so that nothing on the page reacts to it.
 */
export function useKioskScreen(theme: TvTheme, { hideCursor }: { hideCursor: boolean }): void {
  useEffect(() => {
    const root = document.documentElement;
    root.classList.add('tv-screen');
    root.dataset.tvTheme = theme;
    return () => {
      root.classList.remove('tv-screen');
      delete root.dataset.tvTheme;
    };
  }, [theme]);

  useEffect(() => {
    if (!hideCursor) return;
    const root = document.documentElement;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const rest = () => root.classList.add('tv-screen--idle');
    const moved = () => {
      root.classList.remove('tv-screen--idle');
      clearTimeout(timer);
      timer = setTimeout(rest, IDLE_CURSOR_MS);
    };
    const swallowEscape = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      event.stopPropagation();
    };
    moved();
    window.addEventListener('mousemove', moved, { passive: true });
    window.addEventListener('keydown', swallowEscape, true);
    return () => {
      clearTimeout(timer);
      window.removeEventListener('mousemove', moved);
      window.removeEventListener('keydown', swallowEscape, true);
      root.classList.remove('tv-screen--idle');
    };
  }, [hideCursor]);
}
