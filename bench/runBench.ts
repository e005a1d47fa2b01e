import { ServiceFailed, SetupError, step } from '@promwall/stack';

/**
 * Runs a bench's `main` until it ends or the terminal asks it to stop, then exits: 0 when done,
 * 130 when interrupted (every process it started stopped first), 1 when it failed.
 */
export function runBench(main: (signal: AbortSignal) => Promise<void>): void {
  const aborted = new AbortController();
  // A terminal's Ctrl-C reaches this process several times (directly, and relayed by npm and tsx):
  // the handler stays installed so that a repeat cannot kill the process before its children stop.
  const onSignal = (name: NodeJS.Signals) => {
    if (aborted.signal.aborted) return;
    step(`${name}: stopping`);
    aborted.abort(new Error(`${name} received`));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  main(aborted.signal).then(
    () => process.exit(0),
    (error: unknown) => {
      if (aborted.signal.aborted) console.error('benchmark interrupted; every process it started is stopped');
      // Set-up failures carry their own explanation (the build output, a component's log tail).
      else console.error(error instanceof SetupError || error instanceof ServiceFailed ? error.message : error);
      process.exit(aborted.signal.aborted ? 130 : 1);
    },
  );
}
