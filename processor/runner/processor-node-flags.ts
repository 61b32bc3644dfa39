/**
 * Node flags every launcher in the project gives a `pulse process`. A batch's rows live from decode
 * to the sinks' apply, long enough to survive one scavenge of V8's default 16 MB semi-spaces and be
 * copied; up to 64 MB lets the young generation grow to hold them until they die.
 * Measured side by side end to end (`benchmarks/results/hot-path-experiments.md`). V8 sizes the heap
 * when the process starts, so these cannot be set from inside it: run the processor by hand as
 * `node --max-semi-space-size=64 bin/pulse.js process` to get the same.
 */
import path from 'node:path';
import { REPO_ROOT } from '../../core/config.ts';

export const PROCESSOR_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=64'];

/** Node's arguments to run `pulse <args>`: a `pulse process` gets PROCESSOR_NODE_FLAGS first. */
export function pulseNodeArgs(args: readonly string[]): string[] {
  const nodeFlags = args[0] === 'process' ? PROCESSOR_NODE_FLAGS : [];
  return [...nodeFlags, path.join(REPO_ROOT, 'bin', 'pulse.js'), ...args];
}
