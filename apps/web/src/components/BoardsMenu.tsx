import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { dashboardsQuery } from '../api/dashboards.ts';
import { Link } from '../router.tsx';

export interface BoardsMenuProps {
  /** The board shown now, as `/d/{id}`. */
  currentPath: string | undefined;
}

/** The top bar's list of boards from the dashboards folder; a broken file is marked as such. */
export function BoardsMenu({ currentPath }: BoardsMenuProps) {
  const list = useQuery(dashboardsQuery());
  const menu = useRef<HTMLDetailsElement>(null);
  const current = currentPath?.startsWith('/d/');

  // Moving to a board closes the menu.
  useEffect(() => {
    if (menu.current) menu.current.open = false;
  }, [currentPath]);

  return (
    <details ref={menu} className="boards-menu">
      <summary className="top-bar__link" aria-current={current ? 'page' : undefined} data-testid="boards-menu">
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
            aria-current={currentPath === `/d/${board.id}` ? 'page' : undefined}
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
