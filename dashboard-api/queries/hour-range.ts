/** The hourly windows a "last N hours" query covers: N UTC hours ending with the one that holds `nowMs`. */
import { WINDOW_SIZE_MS, hourLabel, windowStart } from '../../processor/window/window-math.ts';

export interface HourRange {
  /** Window starts in epoch ms, oldest first. */
  startsMs: number[];
  /** The same hours as `YYYY-MM-DD-HH` labels (the Redis key suffix). */
  labels: string[];
}

export function lastHours(nowMs: number, hours: number): HourRange {
  const current = windowStart(nowMs);
  const startsMs = Array.from({ length: hours }, (_, index) => current - (hours - 1 - index) * WINDOW_SIZE_MS);
  return { startsMs, labels: startsMs.map(hourLabel) };
}
