// Throwaway stacks and waits for the integration and end-to-end tests of every workspace.
export type { StackOptions, StackPorts } from '../src/config.ts';
export type { Stack } from '../src/stack.ts';
export { eventually } from './eventually.ts';
export { startTestStack, testStackOptions } from './testStack.ts';
export { runLoad, type LoadOptions, type LoadResult } from './wrk.ts';
