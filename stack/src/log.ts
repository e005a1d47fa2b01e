import type { NextStep, ServiceEvent } from './supervisor.ts';

/** Progress lines of the launcher: short, one per step, on stdout. */
export function step(message: string): void {
  console.log(`» ${message}`);
}

export function done(message: string): void {
  console.log(`✓ ${message}`);
}

/** A service's failure or restart, printed the moment the supervisor sees it. */
export function reportServiceEvent(event: ServiceEvent): void {
  const text = describeServiceEvent(event);
  if (event.kind === 'failed') console.error(text);
  else console.log(text);
}

export function describeServiceEvent(event: ServiceEvent): string {
  if (event.kind === 'restarted') return `↻ ${event.title} restarted (attempt ${event.attempt}, pid ${event.pid})`;
  const headline = `✗ ${event.title} ${event.failure}${describeNextStep(event.next)}`;
  if (event.logTail === '') return headline;
  const tail = event.logTail
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
  return `${headline}\n  last lines of this run, from ${event.logPath}:\n${tail}`;
}

function describeNextStep(next: NextStep): string {
  switch (next.kind) {
    case 'restart':
      return `; restarting in ${next.delayMs / 1000} s (attempt ${next.attempt})`;
    case 'left-down':
      return `; left down: ${next.reason}`;
    case 'none':
      return '';
  }
}
