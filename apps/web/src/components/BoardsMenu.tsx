import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { Link, useLocation } from 'react-router';
import { dashboardsQuery } from '../api/dashboards.ts';
import { sessionQuery } from '../api/session.ts';
import { accessDecision } from './access/accessDecision.ts';

/**
 * The top bar's list of boards from the dashboards folder; a broken file is marked as such. Left
 * out, and not asked for, while the pages it leads to would show the sign-in or not-allowed page.
 */
export function BoardsMenu() {
  const open = accessDecision(useQuery(sessionQuery()), 'viewer') === 'open';
  const list = useQuery({ ...dashboardsQuery(), enabled: open });
  const menu = useRef<HTMLDetailsElement>(null);
  const { pathname } = useLocation();
  const current = /^\/d\/([^/]+)/.exec(pathname)?.[1];

  // Moving to a board closes the menu.
  useEffect(() => {
    if (menu.current) menu.current.open = false;
  }, [pathname]);

  if (!open) return null;
  return (
    <details ref={menu} className="boards-menu">
      <summary
        className="top-bar__link"
        aria-current={current !== undefined ? 'page' : undefined}
        data-testid="boards-menu"
      >
        Boards
      </summary>
      <div className="boards-menu__list" role="menu">
        {list.error && <p className="boards-menu__note">Boards unavailable: {list.error.message}</p>}
        {list.data?.dashboards.length === 0 && <p className="boards-menu__note">No dashboard files</p>}
        {list.data?.dashboards.map((board) => (
          <Link
            key={board.id}
            to={`/d/${board.id}`}
            role="menuitem"
            className="boards-menu__item"
            aria-current={current === board.id ? 'page' : undefined}
            title={board.error?.message}
          >
            {board.title}
            {board.error && (
              <span className="boards-menu__broken" aria-label="file broken">
                {' '}
                !
              </span>
            )}
          </Link>
        ))}
      </div>
    </details>
  );
}
