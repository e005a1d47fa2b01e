// Plain single-line logging: info to stdout, errors to stderr. Multi-line text (stack traces,
// PostgreSQL detail messages) is folded onto one line so every event stays one line.

export interface Logger {
  info(message: string): void;
  error(message: string): void;
}

export interface LogSink {
  write(chunk: string): unknown;
}

export function createLogger(
  name: string,
  out: LogSink = process.stdout,
  err: LogSink = process.stderr,
  now: () => Date = () => new Date(),
): Logger {
  const line = (level: string, message: string): string =>
    `${now().toISOString()} ${level} ${name}: ${oneLine(message)}\n`;
  return {
    info: (message) => void out.write(line('info', message)),
    error: (message) => void err.write(line('error', message)),
  };
}

export function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

/** A short, single-line description of anything thrown. */
export function describeError(error: unknown): string {
  if (error instanceof AggregateError && !error.message && error.errors.length > 0) {
    return describeError(error.errors[0]);
  }
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
    const prefix = typeof code === 'string' && !error.message.includes(code) ? `${code} ` : '';
    return oneLine(`${prefix}${error.message || error.name}${cause}`);
  }
  return oneLine(String(error));
}

/**
 * Folds a burst of similar failures into at most one line per interval, so an outage does
 * not flood the log: the first failure is logged at once, the rest as a count.
 */
export class ThrottledLog {
  private suppressed = 0;
  private lastLoggedAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly log: Logger,
    private readonly intervalMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  error(message: string): void {
    const at = this.now();
    if (at - this.lastLoggedAt >= this.intervalMs) {
      const more = this.suppressed > 0 ? ` (+${this.suppressed} similar since the last report)` : '';
      this.log.error(`${message}${more}`);
      this.lastLoggedAt = at;
      this.suppressed = 0;
    } else {
      this.suppressed += 1;
    }
  }
}
