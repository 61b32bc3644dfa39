/**
 * Keeps a publisher at a target rate: a scheduled token bucket. Each batch has a due time (the
 * previous due time plus the previous batch's share of a second); `acquire` waits until it. A
 * publisher that fell behind (slow broker, GC pause) may catch up by at most `maxBurstMs` worth of
 * events, so a stall never turns into a flood. The clock and sleep are injectable for tests.
 */
export interface PacerOptions {
  /** Target events per second; must be positive. */
  ratePerSec: number;
  /** Most catch-up after a stall, in ms of events at the target rate. Default 1000. */
  maxBurstMs?: number;
  /** Milliseconds clock. Default performance.now. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface Pacer {
  /** Resolves when `count` more events may be sent. */
  acquire(count: number): Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createPacer(options: PacerOptions): Pacer {
  const { ratePerSec, maxBurstMs = 1000, now = () => performance.now(), sleep = realSleep } = options;
  if (!(ratePerSec > 0)) throw new RangeError(`ratePerSec must be positive, got ${ratePerSec}`);
  const msPerEvent = 1000 / ratePerSec;
  let nextDue: number | undefined;
  return {
    async acquire(count) {
      const current = now();
      if (nextDue === undefined) nextDue = current;
      else if (current - nextDue > maxBurstMs) nextDue = current - maxBurstMs;
      if (nextDue > current) await sleep(nextDue - current);
      nextDue += count * msPerEvent;
    },
  };
}
