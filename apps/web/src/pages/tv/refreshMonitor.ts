/**
 * What the watchdog needs to know, kept outside React so that a stuck render cannot stop it from
 * being recorded: when the API last answered each of the wall's refreshes, and since when it has
 * answered the wall's probe without a failure.
 */
export class RefreshMonitor {
  private readonly answeredAt = new Map<string, number>();
  private upSince: number | undefined;

  constructor(
    readonly startedAt: number,
    private readonly clock: () => number = Date.now,
  ) {}

  /** A refresh of `resource` begins; one that never gets an answer counts from page load. */
  begin(resource: string): void {
    if (!this.answeredAt.has(resource)) this.answeredAt.set(resource, this.startedAt);
  }

  /** The API answered `resource`, with data or with an error of its own. */
  answered(resource: string): void {
    this.answeredAt.set(resource, this.clock());
  }

  /** The oldest of the last answers: the page is only as alive as its most stuck refresh. */
  lastCompletedAt(): number {
    let oldest = Number.POSITIVE_INFINITY;
    for (const at of this.answeredAt.values()) oldest = Math.min(oldest, at);
    return Number.isFinite(oldest) ? oldest : this.startedAt;
  }

  probeAnswered(): void {
    this.upSince ??= this.clock();
  }

  probeFailed(): void {
    this.upSince = undefined;
  }

  get apiUpSince(): number | undefined {
    return this.upSince;
  }
}
