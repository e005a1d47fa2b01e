import { ensureBuild } from './build.ts';
import { ConfigError, stackOptionsFromEnv } from './config.ts';
import { runningPromwall } from './dataDirLock.ts';
import { done, step } from './log.ts';
import { ensurePackages, SetupError, stackPackages, testPackages } from './packages.ts';
import { startPromwallAlone, startStack } from './stack.ts';
import { ServiceFailed } from './supervisor.ts';
import { runTests } from './testRunner.ts';

type Stop = () => Promise<void>;

async function start(): Promise<void> {
  const options = stackOptionsFromEnv(process.env);
  // Before the build and the port check: beside a running launcher, say where its Promwall is,
  // rather than rebuild what it runs or call its ports taken.
  const running = await runningPromwall(options.dataDir);
  if (running) {
    console.log(`Promwall is already running at ${running}`);
    return;
  }
  const aborted = new AbortController();
  const stopped = untilSignal(aborted);
  let stop: Stop;
  let url: string;
  if (process.env.PROMETHEUS_URL) {
    ensureBuild();
    const upstream = { prometheusUrl: process.env.PROMETHEUS_URL, alertmanagerUrl: process.env.ALERTMANAGER_URL };
    ({ url, stop } = await startPromwallAlone(options, upstream, aborted.signal));
  } else {
    ensurePackages(stackPackages);
    ensureBuild();
    const stack = await startStack(options, { signal: aborted.signal, restartOnExit: true });
    stop = stack.stop;
    url = stack.urls.promwall;
    console.log(`\n  Prometheus    ${stack.urls.prometheus}`);
    console.log(`  Alertmanager  ${stack.urls.alertmanager}`);
  }
  console.log(`\n  Promwall is running: ${url}\n  Press Ctrl-C to stop.\n`);
  const signal = await stopped;
  step(`${signal}: stopping`);
  await stop();
  done('stopped');
}

/**
 * Resolves with the first SIGINT/SIGTERM, and aborts a start still under way. Later signals
 * are ignored: a terminal's Ctrl-C reaches the launcher both directly and relayed by npm, and
 * the default action of the second would end it before PostgreSQL has shut down.
 */
function untilSignal(controller: AbortController): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      if (controller.signal.aborted) return;
      controller.abort(new SetupError(`${signal} received`));
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

async function main(command: string | undefined): Promise<number> {
  switch (command) {
    case 'start':
      await start();
      return 0;
    case 'setup':
      ensurePackages([...stackPackages, ...testPackages]);
      ensureBuild();
      return 0;
    case 'test':
      ensurePackages([...stackPackages, ...testPackages]);
      ensureBuild();
      return runTests();
    default:
      console.error('usage: bootstrap.mjs start|setup|test');
      return 2;
  }
}

try {
  process.exitCode = await main(process.argv[2]);
} catch (error) {
  // Set-up problems are the user's to fix and get one clear message; anything else is a bug.
  if (error instanceof SetupError || error instanceof ConfigError || error instanceof ServiceFailed) {
    console.error(`\n✗ ${error.message}`);
  } else {
    console.error(error);
  }
  process.exitCode = 1;
}
// Every child is stopped by now; idle keep-alive sockets to them must not keep the launcher up.
process.exit();
