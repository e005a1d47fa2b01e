export interface RecentQueriesProps {
  items: readonly string[];
  onPick: (expr: string) => void;
  onClear: () => void;
}

/** The expressions last run in this browser, newest first; a click runs one again. */
export function RecentQueries({ items, onPick, onClear }: RecentQueriesProps) {
  return (
    <aside className="panel explore-history" aria-labelledby="explore-history-title" data-testid="explore-history">
      <div className="explore-history__head">
        <h2 id="explore-history-title" className="panel__title">
          Recent queries
        </h2>
        {items.length > 0 && (
          <button type="button" className="button button--quiet explore-history__clear" onClick={onClear}>
            Clear
          </button>
        )}
      </div>
      {items.length === 0 ? (
        <p className="explore-history__empty">Queries you run appear here, in this browser only.</p>
      ) : (
        <ol className="explore-history__list">
          {items.map((expr) => (
            <li key={expr}>
              <button type="button" className="explore-history__item" title={expr} onClick={() => onPick(expr)}>
                {expr}
              </button>
            </li>
          ))}
        </ol>
      )}
    </aside>
  );
}
