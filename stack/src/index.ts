// What other workspaces (bench, tests) use of the launcher: its set-up steps, processes and probes.
export { findBinaries } from './binaries.ts';
export { ensureBuild } from './build.ts';
export type { StackOptions, StackPorts } from './config.ts';
export { done, step } from './log.ts';
export { ensurePackages, SetupError, stackPackages, testPackages } from './packages.ts';
export { repoRoot, stackConfigDir } from './paths.ts';
export { stackPromwallConfig } from './promwallConfig.ts';
export { freePorts } from './ports.ts';
export { httpReady } from './probe.ts';
export type { Stack, StartOptions } from './stack.ts';
export { promwallService, rulesFile } from './stack.ts';
export { ServiceFailed, Supervisor } from './supervisor.ts';
