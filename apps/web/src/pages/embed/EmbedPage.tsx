export interface EmbedPageProps {
  panel: string;
}

/** One tile or chart, full-frame, for other pages' iframes. */
export function EmbedPage({ panel }: EmbedPageProps) {
  return <div className="embed" data-testid="embed" data-panel={panel} />;
}
