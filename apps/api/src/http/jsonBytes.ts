import type { ServerResponse } from 'node:http';

/**
 * A value with its JSON text, made on first use and then kept: a cached answer is serialized once
 * per upstream round, not once per request.
 */
export class JsonBytes<T> {
  private bytes: Buffer | undefined;

  constructor(readonly value: T) {}

  get json(): Buffer {
    this.bytes ??= Buffer.from(JSON.stringify(this.value));
    return this.bytes;
  }
}

/** Sends JSON bytes as they are, not re-serialized, with the headers res.json would set. */
export function sendJsonBytes(res: ServerResponse, bytes: Buffer): void {
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', bytes.length);
  res.end(bytes);
}
