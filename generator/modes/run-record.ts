/**
 * Record: generate like a backfill, but into a corpus file instead of Kafka (no broker needed),
 * with the manifest next to it. A corpus replays the exact same bytes later, at any rate.
 */
import { writeCorpus } from '../corpus/write-corpus.ts';
import { createEventGenerator } from '../create-event-generator.ts';
import type { GeneratedRecord } from '../generated-record.ts';
import { type EventGeneratorOptions, resolveGeneratorOptions } from '../options.ts';
import type { RunSummary } from './run-summary.ts';

export interface RecordOptions {
  file: string;
  generator: Omit<EventGeneratorOptions, 'now'> & { count: number };
  manifestFile?: string;
  manifestAll?: boolean;
  /** Stops early with a well-formed (shorter) corpus. */
  signal?: AbortSignal;
  onProgress?: (progress: { sent: number; bytes: number }) => void;
  describeRun?: Record<string, unknown>;
}

export async function runRecord(options: RecordOptions): Promise<RunSummary> {
  const started = performance.now();
  const generator = createEventGenerator(options.generator, { recordAll: options.manifestAll ?? false });
  const run = { mode: 'record', file: options.file, ...options.describeRun };
  generator.manifest.describeRun(run);
  let sent = 0;
  let bytes = 0;
  function* untilAborted(): Generator<GeneratedRecord> {
    for (const record of generator) {
      if (options.signal?.aborted === true) return;
      sent++;
      bytes += record.value.length + (record.key?.length ?? 0);
      if (sent % 1000 === 0) options.onProgress?.({ sent, bytes });
      yield record;
    }
  }
  const resolved = resolveGeneratorOptions(options.generator);
  // The event-time range goes in the header: replay re-stamps relative to its end.
  const header = { seed: resolved.seed, run, startMs: resolved.startMs, endMs: resolved.startMs + resolved.spanMs, count: resolved.count, chaosRates: resolved.chaosRates };
  await writeCorpus(options.file, untilAborted(), header);
  options.onProgress?.({ sent, bytes });
  const manifest = generator.manifest.snapshot();
  if (options.manifestFile !== undefined) generator.manifest.write(options.manifestFile);
  return { mode: 'record', sent, bytes, rejected: 0, elapsedMs: performance.now() - started, aborted: options.signal?.aborted === true, manifest };
}
