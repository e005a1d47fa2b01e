import { setTheme, useTheme, type ThemeChoice } from '../theme.ts';

const NEXT: Record<ThemeChoice, ThemeChoice> = { system: 'light', light: 'dark', dark: 'system' };
const LABEL: Record<ThemeChoice, string> = { system: 'Theme: system', light: 'Theme: light', dark: 'Theme: dark' };

/** Cycles system → light → dark; the choice is remembered in this browser. */
export function ThemeToggle() {
  const { choice } = useTheme();
  return (
    <button type="button" className="button button--quiet" onClick={() => setTheme(NEXT[choice])} title="Switch theme">
      {LABEL[choice]}
    </button>
  );
}
