/**
 * Backfill: `count` records of history over [startTime, startTime + span), event times following
 * daily and weekly hiring cycles, published as fast as the broker takes them.
 */
import type { EventGeneratorOptions } from '../options.ts';
import { type PublishGeneratedOptions, publishGenerated } from './publish-generated.ts';
import type { RunSummary } from './run-summary.ts';

export interface BackfillOptions extends PublishGeneratedOptions {
  generator: EventGeneratorOptions & { count: number };
}

export function runBackfill(options: BackfillOptions): Promise<RunSummary> {
  const { now: _ignored, ...generator } = options.generator;
  return publishGenerated('backfill', { ...options, generator, publish: { ...options.publish, ratePerSec: 0 } });
}
