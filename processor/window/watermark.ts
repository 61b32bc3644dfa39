/**
 * Watermarks. Each partition's watermark is its max event time seen minus the allowed lateness:
 * a pure function of the partition's own records, so replaying a partition reproduces it, and
 * lateness is decided against it. The processor's watermark, the minimum over active partitions,
 * only says which windows are shown as final; a partition with no records for `idleTimeoutMs`
 * stops holding it back.
 */
export function partitionWatermark(maxEventTimeMs: number, allowedLatenessMs: number): number {
  return maxEventTimeMs === Number.NEGATIVE_INFINITY ? Number.NEGATIVE_INFINITY : maxEventTimeMs - allowedLatenessMs;
}

export interface PartitionActivity {
  watermarkMs: number;
  /** Processing time (ms) of the last record seen on the partition. */
  lastRecordAtMs: number;
}

/**
 * Minimum watermark over partitions that are not idle. When every partition is idle, the maximum
 * of their watermarks (nothing is holding the stream back). -Infinity before any record.
 */
export function combinedWatermark(partitions: Iterable<PartitionActivity>, nowMs: number, idleTimeoutMs: number): number {
  let activeMin = Number.POSITIVE_INFINITY;
  let idleMax = Number.NEGATIVE_INFINITY;
  let anyActive = false;
  for (const partition of partitions) {
    if (nowMs - partition.lastRecordAtMs >= idleTimeoutMs) {
      idleMax = Math.max(idleMax, partition.watermarkMs);
    } else {
      anyActive = true;
      activeMin = Math.min(activeMin, partition.watermarkMs);
    }
  }
  return anyActive ? activeMin : idleMax;
}
