/**
 * The processor's CPU path alone: processBatch (decode → validate → dedup → enrich → window) over
 * the standard corpus in memory, per partition in batches like the consumer's, one thread, no Kafka,
 * no sinks. Also each stage timed in its own pass, so the profile says where the time goes.
 */
import type { ConsumedMessage } from '../../core/kafka/types.ts';
import { DedupState } from '../../processor/dedup/dedup-state.ts';
import { DEFAULT_DECODE_OPTIONS, type DecodedEvent, decodeRecord } from '../../processor/decode/decode-record.ts';
import type { Enricher } from '../../processor/enrich/enricher.ts';
import { newPartitionState } from '../../processor/runner/partition-state.ts';
import { type BatchOutcome, type ProcessOptions, processBatch } from '../../processor/runner/process-batch.ts';
import { PROCESSOR_DEFAULTS } from '../../processor/runner/processor-options.ts';
import { partitionWatermark } from '../../processor/window/watermark.ts';
import { windowStart } from '../../processor/window/window-math.ts';

export const PROCESS_OPTIONS: ProcessOptions = {
  allowedLatenessMs: PROCESSOR_DEFAULTS.allowedLatenessMs,
  decode: { ...DEFAULT_DECODE_OPTIONS, maxFutureSkewMs: PROCESSOR_DEFAULTS.maxFutureSkewMs },
};

export interface CpuPathRun {
  events: number;
  wallSeconds: number;
  /** User + system CPU of this process (includes V8's GC helper threads). */
  cpuSeconds: number;
  eventsPerSec: number;
  rows: number;
  dlq: number;
  duplicates: number;
  late: number;
}

/** Every partition's records in batches of `batchSize`, round-robin over partitions like a consumer. */
export function* batches(byPartition: readonly ConsumedMessage[][], batchSize: number): Generator<[number, ConsumedMessage[]]> {
  const longest = Math.max(...byPartition.map((messages) => messages.length));
  for (let start = 0; start < longest; start += batchSize) {
    for (let partition = 0; partition < byPartition.length; partition++) {
      const slice = byPartition[partition]!.slice(start, start + batchSize);
      if (slice.length > 0) yield [partition, slice];
    }
  }
}

export function runCpuPath(
  byPartition: readonly ConsumedMessage[][],
  enricher: Enricher,
  batchSize: number,
  onOutcome?: (outcome: BatchOutcome) => void,
): CpuPathRun {
  const states = byPartition.map((_, partition) => newPartitionState(partition, PROCESSOR_DEFAULTS.dedupGraceMs));
  const work = [...batches(byPartition, batchSize)];
  const totals = { events: 0, rows: 0, dlq: 0, duplicates: 0, late: 0 };
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  for (const [partition, messages] of work) {
    const outcome = processBatch(states[partition]!, messages, enricher, PROCESS_OPTIONS, Date.now());
    totals.events += messages.length;
    totals.rows += outcome.rows.length;
    totals.dlq += outcome.dlq.length;
    totals.duplicates += outcome.duplicates;
    totals.late += outcome.late;
    onOutcome?.(outcome);
  }
  const wallSeconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  return { ...totals, wallSeconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, eventsPerSec: totals.events / wallSeconds };
}

export interface StageTimes {
  /** µs per event, over all records of the corpus. */
  decodeUs: number;
  validateUs: number;
  dedupUs: number;
  enrichUs: number;
  windowUs: number;
  totalUs: number;
  /**
   * Not a stage: reading every character of title + description once (charCodeAt and a table
   * lookup), from cache as right after decoding: the least any matcher must do; with decodeUs, the
   * floor of this design.
   */
  readTextUs?: number;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const CHAR_TABLE = new Uint8Array(65536).map((_, code) => code & 0x3f);

/** Each character of every title and description read once through a table: the least a matcher does. */
function readEveryCharacter(decoded: ReadonlyArray<{ value: DecodedEvent }>): number {
  let sum = 0;
  for (const { value } of decoded) {
    // Two texts, as the enricher matches them: no joined copy.
    for (const text of [value.event.payload.title, value.event.payload.description]) {
      for (let i = 0; i < text.length; i++) sum += CHAR_TABLE[text.charCodeAt(i)]!;
    }
  }
  return sum;
}

function timed(run: () => void): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

/**
 * Each stage in its own pass over the corpus: UTF-8 + JSON.parse (decode); decodeRecord minus that
 * (validate and repair); the dedup calls processBatch makes; enrich(); and the remainder of a full
 * processBatch pass (window counts and row building).
 */
export function stageTimes(byPartition: readonly ConsumedMessage[][], enricher: Enricher, batchSize: number): StageTimes {
  const all = byPartition.flat();
  const decoded: Array<{ partition: number; offset: number; value: DecodedEvent }> = [];
  byPartition.forEach((messages, partition) => {
    for (const message of messages) {
      const result = decodeRecord(message.value, Number(message.timestamp), PROCESS_OPTIONS.decode);
      if (result.ok) decoded.push({ partition, offset: Number(message.offset), value: result.value });
    }
  });
  let sink = 0;
  const parseMs = timed(() => {
    for (const message of all) {
      try {
        sink += JSON.parse(utf8.decode(message.value!)) === null ? 0 : 1;
      } catch {
        sink -= 1;
      }
    }
  });
  const decodeRecordMs = timed(() => {
    for (const message of all) sink += decodeRecord(message.value, Number(message.timestamp), PROCESS_OPTIONS.decode).ok ? 1 : 0;
  });
  const dedupMs = timed(() => {
    const states = byPartition.map(() => ({ dedup: new DedupState(PROCESSOR_DEFAULTS.dedupGraceMs), max: Number.NEGATIVE_INFINITY }));
    let count = 0;
    for (const { partition, offset, value } of decoded) {
      const state = states[partition]!;
      if (value.eventTimeMs > state.max) state.max = value.eventTimeMs;
      const watermark = partitionWatermark(state.max, PROCESS_OPTIONS.allowedLatenessMs);
      if (state.dedup.inHorizon(value.eventTimeMs, watermark)) {
        const first = state.dedup.firstOffset(value.event.event_id, value.eventTimeMs);
        if (first === undefined || first >= offset) state.dedup.remember(value.event.event_id, value.eventTimeMs, offset);
        sink += windowStart(value.eventTimeMs) > 0 ? 1 : 0;
      }
      if (++count % batchSize === 0) state.dedup.evict(watermark);
    }
  });
  const enrichMs = timed(() => {
    for (const { value } of decoded) {
      const payload = value.event.payload;
      sink += enricher.enrich({
        title: payload.title,
        description: payload.description,
        location: payload.location,
        ...(payload.is_remote !== undefined && { is_remote: payload.is_remote }),
      }).skills.length;
    }
  });
  // The processor reads a text right after decoding it, from cache: each slice of 200 events is read
  // once untimed (which also optimises the loop), then timed.
  let readTextMs = 0;
  for (let start = 0; start < decoded.length; start += 200) {
    const slice = decoded.slice(start, start + 200);
    sink += readEveryCharacter(slice);
    readTextMs += timed(() => {
      sink += readEveryCharacter(slice);
    });
  }
  const full = runCpuPath(byPartition, enricher, batchSize);
  if (sink === Number.MIN_SAFE_INTEGER) process.stderr.write('');
  const perEvent = (ms: number) => (ms * 1000) / all.length;
  const totalMs = full.wallSeconds * 1000;
  return {
    decodeUs: perEvent(parseMs),
    validateUs: perEvent(Math.max(0, decodeRecordMs - parseMs)),
    dedupUs: perEvent(dedupMs),
    enrichUs: perEvent(enrichMs),
    windowUs: perEvent(Math.max(0, totalMs - decodeRecordMs - dedupMs - enrichMs)),
    totalUs: perEvent(totalMs),
    readTextUs: perEvent(readTextMs),
  };
}
