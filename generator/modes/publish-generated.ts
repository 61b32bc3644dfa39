/**
 * The part live and backfill share: generate records, publish them, keep the manifest in step
 * (refused records noted), write the manifest file when asked.
 */
import type { PulseProducer } from '../../core/kafka/types.ts';
import { createEventGenerator } from '../create-event-generator.ts';
import type { EventGeneratorOptions } from '../options.ts';
import { type PublishOptions, publishRecords } from '../publish/publish-records.ts';
import type { RunSummary } from './run-summary.ts';

export interface PublishGeneratedOptions {
  producer: PulseProducer;
  topic: string;
  generator: EventGeneratorOptions;
  publish?: Omit<PublishOptions, 'onRejected'>;
  /** Write the manifest here at the end (JSON). */
  manifestFile?: string;
  /** List every record in the manifest, not only the injected ones. */
  manifestAll?: boolean;
  /** Merged into the manifest's `run`. */
  describeRun?: Record<string, unknown>;
}

export async function publishGenerated(mode: 'live' | 'backfill', options: PublishGeneratedOptions): Promise<RunSummary> {
  const generator = createEventGenerator(options.generator, { recordAll: options.manifestAll ?? false });
  generator.manifest.describeRun({ mode, topic: options.topic, ...options.describeRun });
  const result = await publishRecords(options.producer, options.topic, generator, {
    ...options.publish,
    onRejected: (record, reason) => generator.manifest.reject(record, reason),
  });
  const manifest = generator.manifest.snapshot();
  if (options.manifestFile !== undefined) generator.manifest.write(options.manifestFile);
  return { mode, sent: result.sent, bytes: result.bytes, rejected: result.rejected, elapsedMs: result.elapsedMs, aborted: result.aborted, manifest };
}
