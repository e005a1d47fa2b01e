import { formatAge } from '@promwall/core/units';
import type { ReactNode } from 'react';
import { clockDate, clockTime } from '../../time/clock.ts';
import { StateIcon } from './StateIcon.tsx';
import { staleBannerText, type Freshness } from './staleness.ts';
import type { TvTheme } from './tvSettings.ts';

export interface WallFrameProps {
  theme: TvTheme;
  page: string;
  title: string;
  /** Under the title, e.g. the filters. */
  subtitle?: string | undefined;
  now: number;
  /** The shown page's data, for the status line or the stale banner. */
  fresh: Freshness;
  footer: ReactNode;
  children: ReactNode;
}

/** Title, status and clock on top, the page in the middle, a small footer: a whole screen, never more. */
export function WallFrame({ theme, page, title, subtitle, now, fresh, footer, children }: WallFrameProps) {
  return (
    <div className="tv" data-theme={theme} data-testid="tv" data-page={page} data-stale={fresh.stale}>
      <header className="tv-header">
        <div className="tv-header__title">
          <h1 className="tv-title">{title}</h1>
          {subtitle && <p className="tv-subtitle">{subtitle}</p>}
        </div>
        <div className="tv-header__status">
          {fresh.stale ? (
            <p className="tv-banner" role="status" data-testid="tv-stale-banner">
              <StateIcon tone="warning" />
              <span>{staleBannerText(fresh, now, clockTime)}</span>
            </p>
          ) : (
            <p className="tv-updated" data-testid="tv-updated">
              {fresh.currentAt === undefined
                ? 'Waiting for data…'
                : `Live · updated ${formatAge(now - fresh.currentAt)}`}
            </p>
          )}
        </div>
        <div className="tv-clock" data-testid="tv-clock">
          <time className="tv-clock__time" dateTime={new Date(now).toISOString()}>
            {clockTime(now)}
          </time>
          <p className="tv-clock__date">{clockDate(now)}</p>
        </div>
      </header>
      <main className="tv-main">{children}</main>
      <footer className="tv-footer">{footer}</footer>
    </div>
  );
}

export interface WallFooterProps {
  /** What the wall could not take from its address, said on screen. */
  notice: string | null | undefined;
  /** The pages the wall turns through, by their names on screen; listed when there are several. */
  pages: readonly { key: string; name: string }[];
  current: number;
  displayId: string;
}

/** The wall's footer: a settings notice, the pages it rotates through, and its display id. */
export function WallFooter({ notice, pages, current, displayId }: WallFooterProps) {
  return (
    <>
      {notice && (
        <p className="tv-notice" data-testid="tv-notice">
          {notice}
        </p>
      )}
      {pages.length > 1 && (
        <ol className="tv-pages" data-testid="tv-pages">
          {pages.map(({ key, name }, i) => (
            <li key={key} className={i === current ? 'tv-pages__current' : undefined}>
              {name}
            </li>
          ))}
        </ol>
      )}
      <p className="tv-footer__id">{displayId}</p>
    </>
  );
}
