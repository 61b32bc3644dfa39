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
  return publishGenerated('live', {
    ...options,
    generator: { ...options.generator, now: options.now ?? Date.now },
    publish: { ...options.publish, ratePerSec: options.ratePerSec, ...(options.durationMs !== undefined && { durationMs: options.durationMs }) },
    describeRun: { ...options.describeRun, ratePerSec: options.ratePerSec, durationMs: options.durationMs ?? null },
  });
}
