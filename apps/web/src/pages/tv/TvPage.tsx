/** The TV wall: a kiosk view without the app's navigation. */
export function TvPage() {
  return <div className="tv" data-testid="tv" />;
}
