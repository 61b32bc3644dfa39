/**
 * Per-partition memory of the event ids seen, bucketed by event-time hour. A bucket is kept while
 * its window is open or final for less than `graceMs`; older events are late by construction, so
 * a duplicate of one can never reach the hot counts. Each id maps to the offset of its first
 * occurrence, so replaying the same records decides the same way (a record is a duplicate only if
 * the id was first seen at a smaller offset).
 *
 * Memory: one Map entry per in-horizon event: the 36-char id string (~56 B), the offset (a small
 * number, 8 B) and the Map slot (~20–30 B): about 90 B per event (measured in benchmarks).
 */
import { WINDOW_SIZE_MS, windowStart } from '../window/window-math.ts';

export class DedupState {
  readonly buckets = new Map<number, Map<string, number>>();

  constructor(readonly graceMs: number) {}

  /** True when the bucket of `eventTimeMs` is still remembered at watermark `watermarkMs`. */
  inHorizon(eventTimeMs: number, watermarkMs: number): boolean {
    return windowStart(eventTimeMs) + WINDOW_SIZE_MS + this.graceMs > watermarkMs;
  }

  /** Offset at which `eventId` was first seen in its bucket, if it was. */
  firstOffset(eventId: string, eventTimeMs: number): number | undefined {
    return this.buckets.get(windowStart(eventTimeMs))?.get(eventId);
  }

  remember(eventId: string, eventTimeMs: number, offset: number): void {
    const start = windowStart(eventTimeMs);
    let bucket = this.buckets.get(start);
    if (bucket === undefined) {
      bucket = new Map();
      this.buckets.set(start, bucket);
    }
    bucket.set(eventId, offset);
  }

  /** Drops buckets that left the horizon; returns their window starts. */
  evict(watermarkMs: number): number[] {
    const evicted: number[] = [];
    for (const start of this.buckets.keys()) {
      if (start + WINDOW_SIZE_MS + this.graceMs <= watermarkMs) {
        this.buckets.delete(start);
        evicted.push(start);
      }
    }
    return evicted;
  }

  size(): number {
    let total = 0;
    for (const bucket of this.buckets.values()) total += bucket.size;
    return total;
  }
}
