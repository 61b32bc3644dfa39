import { DedupState } from '../dedup/dedup-state.ts';

/**
 * Everything the processor decides a partition's records by. It is a function of the partition's
 * record sequence up to `lastOffset`, and is stored with the hot sink's fence so that a restart
 * resumes exactly where the sinks are.
 */
export interface PartitionState {
  partition: number;
  /** Offset of the last record applied to the sinks; -1 before any. */
  lastOffset: number;
  /** Largest event time of a valid record so far; -Infinity before any. */
  maxEventTimeMs: number;
  dedup: DedupState;
}

export function newPartitionState(partition: number, dedupGraceMs: number): PartitionState {
  return { partition, lastOffset: -1, maxEventTimeMs: Number.NEGATIVE_INFINITY, dedup: new DedupState(dedupGraceMs) };
}
