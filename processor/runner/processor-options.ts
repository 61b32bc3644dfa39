/** Options of `pulse process`, validated once at start-up; units are in the names. */
import { PulseError } from '../../core/errors.ts';
import type { KafkaClientName } from '../../core/kafka/types.ts';

export interface ProcessorOptions {
  brokers: string[];
  redisUrl: string;
  kafkaClient: KafkaClientName;
  topic: string;
  dlqTopic: string;
  groupId: string;
  /** Default 2 h. */
  allowedLatenessMs: number;
  /** A partition with no records for this long stops holding the processor watermark; default 60 s. */
  idleTimeoutMs: number;
  /** Default 5 min. */
  maxFutureSkewMs: number;
  /** Dedup ids are kept this long after their window is final; default 1 h. */
  dedupGraceMs: number;
  /** Trend keys live this long after their last update; default 8 days. */
  hotTtlMs: number;
  /** A member silent this long leaves the group and its partitions move; default 15 s. */
  sessionTimeoutMs: number;
  /**
   * Most records per batch; default 4000. Each batch costs a Redis script, an fdatasync and a
   * fence, and larger batches fold more records into each distinct count: 4000 measured faster end
   * to end than 2000 for both clients, for about 100 MB more RSS (benchmarks/results/hot-path-experiments.md).
   */
  maxBatchSize: number;
  /**
   * Partitions whose batches are handled at once; default 3. Each partition's state and sink
   * writes are its own, so the fsync of one overlaps the Redis round trip of another.
   */
  partitionConcurrency: number;
  /** Port of the /metrics endpoint on 127.0.0.1; 0 for none. Default 0. */
  metricsPort: number;
  /** Name in logs, heartbeats and the dashboard; default host-pid. */
  processorId: string;
  /** Root of the cold store (PULSE_LAKE_DIR, default lake/); undefined runs the hot path alone. */
  lakeDir: string | undefined;
  /** Where a taxonomy file other than the default lives. */
  taxonomyFile: string | undefined;
}

export const PROCESSOR_DEFAULTS = {
  allowedLatenessMs: 2 * 3_600_000,
  idleTimeoutMs: 60_000,
  maxFutureSkewMs: 5 * 60_000,
  dedupGraceMs: 3_600_000,
  hotTtlMs: 8 * 24 * 3_600_000,
  sessionTimeoutMs: 15_000,
  maxBatchSize: 4000,
  partitionConcurrency: 3,
  metricsPort: 0,
  groupId: 'pulse-processor',
} as const;

export function validateProcessorOptions(options: ProcessorOptions): ProcessorOptions {
  const positive: Array<keyof ProcessorOptions> = ['allowedLatenessMs', 'idleTimeoutMs', 'hotTtlMs', 'maxBatchSize', 'sessionTimeoutMs', 'partitionConcurrency'];
  for (const name of positive) {
    const value = options[name];
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
      throw new PulseError('CONFIG_INVALID', `${name} must be a positive number, got ${String(value)}`);
    }
  }
  for (const name of ['maxFutureSkewMs', 'dedupGraceMs', 'metricsPort'] as const) {
    const value = options[name];
    if (!Number.isFinite(value) || value < 0) throw new PulseError('CONFIG_INVALID', `${name} must be zero or more, got ${value}`);
  }
  if (options.hotTtlMs <= options.allowedLatenessMs) {
    throw new PulseError(
      'CONFIG_INVALID',
      `hotTtlMs (${options.hotTtlMs}) must exceed allowedLatenessMs (${options.allowedLatenessMs}): counts of open windows would expire`,
    );
  }
  if (options.groupId.trim() === '') throw new PulseError('CONFIG_INVALID', 'groupId must not be empty');
  return options;
}
