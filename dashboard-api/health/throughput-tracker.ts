/**
 * Events per second of each processor, derived from successive heartbeats: the growth of its
 * `eventsIn` total over a trailing window of heartbeat times. Heartbeat times (not the dashboard's
 * clock) measure the interval, so a slow poll does not distort the rate.
 */
interface Sample {
  atMs: number;
  eventsIn: number;
}

export interface ThroughputTracker {
  /** Records a heartbeat and returns the processor's rate, or null until two heartbeats are known. */
  observe(processorId: string, heartbeatAtMs: number, eventsIn: number): number | null;
  /** Drops processors no longer present. */
  retain(processorIds: ReadonlySet<string>): void;
}

export function createThroughputTracker(windowMs: number): ThroughputTracker {
  const samples = new Map<string, Sample[]>();
  return {
    observe(processorId, heartbeatAtMs, eventsIn) {
      let list = samples.get(processorId);
      const last = list?.at(-1);
      // A restarted processor (same id, totals back to zero) starts a new series.
      if (list === undefined || (last !== undefined && eventsIn < last.eventsIn)) {
        list = [];
        samples.set(processorId, list);
      }
      if (list.at(-1)?.atMs !== heartbeatAtMs) list.push({ atMs: heartbeatAtMs, eventsIn });
      // Keep one sample at or before the window start, so the window is always fully covered.
      while (list.length > 2 && list[1]!.atMs <= heartbeatAtMs - windowMs) list.shift();
      const first = list[0]!;
      const newest = list.at(-1)!;
      if (newest.atMs === first.atMs) return null;
      return ((newest.eventsIn - first.eventsIn) * 1000) / (newest.atMs - first.atMs);
    },
    retain(processorIds) {
      for (const id of samples.keys()) if (!processorIds.has(id)) samples.delete(id);
    },
  };
}
