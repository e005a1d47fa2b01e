import type { Summary } from '@promwall/core/schemas';
import { toStandardRecords } from './standardFormat.ts';

export type SummaryFormat = 'json' | 'standard';

/**
 * One round's summary with its bytes in both formats, each serialized on first use and kept for
 * every request the round answers.
 */
export class SummaryAnswer {
  private readonly bytes: Partial<Record<SummaryFormat, Buffer>> = {};
  private staleCopy: SummaryAnswer | undefined;

  constructor(readonly summary: Summary) {}

  body(format: SummaryFormat): Buffer {
    let bytes = this.bytes[format];
    if (!bytes) {
      const value = format === 'standard' ? toStandardRecords(this.summary) : this.summary;
      bytes = this.bytes[format] = Buffer.from(JSON.stringify(value));
    }
    return bytes;
  }

  /** The same round marked stale: answered from the last good round because the upstream failed. */
  asStale(): SummaryAnswer {
    this.staleCopy ??= new SummaryAnswer({ ...this.summary, stale: true });
    return this.staleCopy;
  }
}
