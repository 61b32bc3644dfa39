/**
 * The sinks' share of a batch: processBatch outcomes of the standard corpus applied directly to the
 * real sinks — hot.apply (one Lua script per batch: counts, indexes, dedup ids, fence) on the bench
 * Redis and cold.stage (NDJSON append + fdatasync) into a temporary lake — timed per batch. The
 * Parquet conversion runs in the background in the processor; here it is timed apart, in close().
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import type { ConsumedMessage } from '../../core/kafka/types.ts';
import type { Enricher } from '../../processor/enrich/enricher.ts';
import { newPartitionState } from '../../processor/runner/partition-state.ts';
import { type BatchOutcome, processBatch } from '../../processor/runner/process-batch.ts';
import { PROCESSOR_DEFAULTS } from '../../processor/runner/processor-options.ts';
import { createColdSink } from '../../sinks/parquet/cold-sink.ts';
import { StagedLineEncoder } from '../../sinks/parquet/staged-row.ts';
import { createHotSink } from '../../sinks/redis/hot-sink.ts';
import { PROCESS_OPTIONS, batches } from './cpu-path.ts';

export interface SinkTimes {
  events: number;
  /** µs per event (all records of the corpus, including those that made no row). */
  hotApplyUs: number;
  coldStageUs: number;
  /** The part of cold.stage that is JavaScript CPU: encoding the batch's NDJSON lines (no I/O). */
  coldEncodeUs?: number;
  /** Parquet conversion of the staged rows (DuckDB, off the hot path), µs per event. */
  coldConvertUs: number;
  batches: number;
}

export async function sinkTimes(byPartition: readonly ConsumedMessage[][], enricher: Enricher, batchSize: number, redisUrl: string): Promise<SinkTimes> {
  const topic = `bench-sinks-${Date.now().toString(36)}`;
  const redis = new Redis(redisUrl, { lazyConnect: true });
  await redis.connect();
  const lakeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-bench-lake-'));
  const cold = createColdSink({ lakeDir });
  try {
    const hot = createHotSink(redis, { topic, ttlMs: PROCESSOR_DEFAULTS.hotTtlMs });
    const epochs = new Map<number, string>();
    for (let partition = 0; partition < byPartition.length; partition++) {
      epochs.set(partition, (await hot.claim(partition)).epoch);
      await cold.recover(partition, -1);
    }
    let hotMs = 0;
    let coldMs = 0;
    let encodeMs = 0;
    let events = 0;
    let batchCount = 0;
    // Each batch is processed (untimed) and applied before the next, so no more than one batch of
    // rows is held at a time, however large the corpus.
    const states = byPartition.map((_, partition) => newPartitionState(partition, PROCESSOR_DEFAULTS.dedupGraceMs));
    // One encoder per partition, as the cold sink keeps them.
    const encoders = byPartition.map(() => new StagedLineEncoder());
    for (const [partition, messages] of batches(byPartition, batchSize)) {
      const outcome: BatchOutcome = processBatch(states[partition]!, messages, enricher, PROCESS_OPTIONS, Date.now());
      events += messages.length;
      batchCount += 1;
      let started = performance.now();
      encoders[partition]!.encode(outcome.rows, outcome.rowSources);
      encodeMs += performance.now() - started;
      started = performance.now();
      await cold.stage(outcome);
      coldMs += performance.now() - started;
      started = performance.now();
      const result = await hot.apply(outcome, epochs.get(outcome.partition)!, outcome.firstOffset - 1, 'bench');
      hotMs += performance.now() - started;
      if (!result.applied) throw new Error(`hot.apply refused a batch of partition ${outcome.partition}: ${result.status}`);
    }
    const closing = performance.now();
    await cold.close();
    const convertMs = performance.now() - closing;
    const perEvent = (ms: number) => (ms * 1000) / events;
    return { events, hotApplyUs: perEvent(hotMs), coldStageUs: perEvent(coldMs), coldEncodeUs: perEvent(encodeMs), coldConvertUs: perEvent(convertMs), batches: batchCount };
  } finally {
    await cold.close().catch(() => undefined);
    redis.disconnect();
    fs.rmSync(lakeDir, { recursive: true, force: true });
  }
}
