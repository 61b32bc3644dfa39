/**
 * Replay: publish a recorded corpus at a target rate or flat out, for load tests; optionally
 * several times (`loops`) and re-stamped so the corpus ends at the moment each loop starts
 * (see restamp-record.ts for what changes and why).
 */
import type { PulseProducer } from '../../core/kafka/types.ts';
import { readCorpus } from '../corpus/read-corpus.ts';
import type { GeneratedRecord } from '../generated-record.ts';
import { type PublishOptions, publishRecords } from '../publish/publish-records.ts';
import { restampRecord } from './restamp-record.ts';
import type { RunSummary } from './run-summary.ts';

export interface ReplayOptions {
  producer: PulseProducer;
  topic: string;
  file: string;
  /** Passes over the corpus; 0 = until stopped. Default 1. */
  loops?: number;
  /** Shift event times so each pass ends at now (relative offsets kept). Default false. */
  restamp?: boolean;
  /** Epoch-ms clock for re-stamping. Default Date.now. */
  now?: () => number;
  publish?: Omit<PublishOptions, 'onRejected'>;
  onRejected?: (record: GeneratedRecord, reason: string) => void;
}

/** The latest event time in the corpus: the header's range end, or found by a first pass. */
async function corpusEndMs(file: string): Promise<number> {
  const header = await readCorpus(file).header();
  if (typeof header.endMs === 'number') return header.endMs;
  let end = Number.NEGATIVE_INFINITY;
  for await (const record of readCorpus(file)) if (record.eventTimeMs !== undefined && record.eventTimeMs > end) end = record.eventTimeMs;
  return Number.isFinite(end) ? end : 0;
}

export async function runReplay(options: ReplayOptions): Promise<RunSummary> {
  const loops = options.loops ?? 1;
  const now = options.now ?? Date.now;
  const endMs = options.restamp === true ? await corpusEndMs(options.file) : 0;
  const signal = options.publish?.signal;
  let index = 0;
  async function* passes(): AsyncGenerator<GeneratedRecord> {
    for (let loop = 0; loops === 0 || loop < loops; loop++) {
      const shiftMs = options.restamp === true ? now() - endMs : 0;
      let empty = true;
      for await (const record of readCorpus(options.file)) {
        if (signal?.aborted === true) return;
        empty = false;
        yield { ...restampRecord(record, shiftMs, loop), index: index++ };
      }
      if (empty) return;
    }
  }
  const result = await publishRecords(options.producer, options.topic, passes(), {
    ...options.publish,
    ...(options.onRejected !== undefined && { onRejected: options.onRejected }),
  });
  return { mode: 'replay', sent: result.sent, bytes: result.bytes, rejected: result.rejected, elapsedMs: result.elapsedMs, aborted: result.aborted };
}
