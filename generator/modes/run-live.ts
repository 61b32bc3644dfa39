/**
 * Live: a steady stream at a target rate, event time = the clock when each record is made, until
 * stopped (signal), for `durationMs`, or for `count` records.
 */
import type { EventGeneratorOptions } from '../options.ts';
import { type PublishGeneratedOptions, publishGenerated } from './publish-generated.ts';
import type { RunSummary } from './run-summary.ts';

export interface LiveOptions extends PublishGeneratedOptions {
  /** Events per second. */
  ratePerSec: number;
  /** Stop after this long; absent = until stopped. */
  durationMs?: number;
  /** Event-time clock (epoch ms). Default Date.now. */
  now?: () => number;
  generator: Omit<EventGeneratorOptions, 'now' | 'startTime' | 'spanMs'>;
}

export async function runLive(options: LiveOptions): Promise<RunSummary> {
  const signals = [options.publish?.signal, options.durationMs !== undefined ? AbortSignal.timeout(options.durationMs) : undefined]
    .filter((signal): signal is AbortSignal => signal !== undefined);
  const signal = signals.length > 0 ? AbortSignal.any(signals) : undefined;
  const summary = await publishGenerated('live', {
    ...options,
    generator: { ...options.generator, now: options.now ?? Date.now },
    publish: { ...options.publish, ratePerSec: options.ratePerSec, ...(signal !== undefined && { signal }) },
    describeRun: { ...options.describeRun, ratePerSec: options.ratePerSec, durationMs: options.durationMs ?? null },
  });
  // Reaching the planned duration is the normal end of a timed run, not an interruption.
  const interrupted = options.publish?.signal?.aborted === true;
  return { ...summary, aborted: interrupted };
}
