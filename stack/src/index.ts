// What other workspaces (bench, tests) use of the launcher: its set-up steps, processes and probes.
export { ensureBuild } from './build.ts';
export type { StackOptions, StackPorts } from './config.ts';
export { done, step } from './log.ts';
export { ensurePackages, SetupError, stackPackages, testPackages } from './packages.ts';
export { repoRoot } from './paths.ts';
export { freePorts } from './ports.ts';
export { httpReady } from './probe.ts';
export type { Stack, StartOptions } from './stack.ts';
export { promwallService } from './stack.ts';
export { ServiceFailed, Supervisor } from './supervisor.ts';
