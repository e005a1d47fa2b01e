export function Wordmark() {
  return (
    <span className="wordmark">
      <svg className="wordmark__mark" viewBox="0 0 32 32" aria-hidden="true">
        <rect width="32" height="32" rx="7" className="wordmark__tile" />
        <rect x="7" y="15" width="4" height="10" rx="1.5" className="wordmark__bar" />
        <rect x="14" y="7" width="4" height="18" rx="1.5" className="wordmark__bar" />
        <rect x="21" y="11" width="4" height="14" rx="1.5" className="wordmark__bar" />
      </svg>
      <span className="wordmark__name">Promwall</span>
    </span>
  );
}
