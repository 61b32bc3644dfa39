/**
 * Writes hot counts exactly as the processor does: through the real hot sink (the fenced Lua
 * script that also maintains the indexes), then announces them on `pulse:updates`.
 */
import type { Redis } from 'ioredis';
import type { BatchOutcome } from '../../../processor/runner/process-batch.ts';
import { type CountUpdate, createHotSink } from '../../../sinks/redis/hot-sink.ts';

export interface CountDelta {
  skill: string;
  region: string;
  hourMs: number;
  delta: number;
}

export interface HotWriter {
  /** Applies the deltas as one batch of one partition; returns the announced updates (new totals). */
  write(deltas: readonly CountDelta[], options?: { announce?: boolean }): Promise<CountUpdate[]>;
}

/** Keys expire `ttlMs` after their last update (the hot sink's TTL is relative to the write, not the hour). */
export async function createHotWriter(redis: Redis, { partition = 0, ttlMs = 8 * 86_400_000 } = {}): Promise<HotWriter> {
  const sink = createHotSink(redis, { topic: 'dashboard-test', ttlMs });
  const claimed = await sink.claim(partition);
  let lastOffset = claimed.lastOffset;
  return {
    async write(deltas, { announce = true } = {}) {
      const counts: BatchOutcome['counts'] = new Map();
      let maxEventTimeMs = Number.NEGATIVE_INFINITY;
      for (const { skill, region, hourMs, delta } of deltas) {
        const byRegion = counts.get(hourMs) ?? new Map<string, Map<string, number>>();
        counts.set(hourMs, byRegion);
        const bySkill = byRegion.get(region) ?? new Map<string, number>();
        byRegion.set(region, bySkill);
        bySkill.set(skill, (bySkill.get(skill) ?? 0) + delta);
        maxEventTimeMs = Math.max(maxEventTimeMs, hourMs);
      }
      const outcome: BatchOutcome = {
        partition,
        firstOffset: lastOffset + 1,
        lastOffset: lastOffset + 1,
        rows: [],
        rowSources: [],
        dlq: [],
        counts,
        remembered: new Map(),
        evictedBuckets: [],
        duplicates: 0,
        late: 0,
        repairs: new Map(),
        maxEventTimeMs,
      };
      const result = await sink.apply(outcome, claimed.epoch, lastOffset, 'test');
      if (!result.applied) throw new Error(`hot sink refused the batch: ${result.status}`);
      lastOffset += 1;
      if (announce) await sink.announce(partition, result.updates);
      return result.updates;
    },
  };
}
