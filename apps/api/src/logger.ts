import { pino, type Logger } from 'pino';
import type { LogLevel } from './config.ts';

/**
 * JSON lines on stdout, one object per event. Written asynchronously: lines logged while a
 * write is under way go out together, rather than one write(2) each, which under load costs
 * more than the requests they log. main.ts flushes before the process exits.
 */
export function createLogger(level: LogLevel): Logger {
  return pino({ level, base: { service: 'promwall' } }, pino.destination({ dest: 1, sync: false }));
}
