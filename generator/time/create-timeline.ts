/**
 * Event times for a backfill: `count` records spread over [start, start + span) with the density of
 * real hiring activity (working hours in the places that post, quiet nights and weekends). Record
 * i gets the time where the cumulative activity reaches (i + jitter) / count, so times never go
 * backwards (chaos adds the disorder, on purpose and on record).
 */
const HOUR_MS = 3_600_000;

export interface Timeline {
  /** Event time of record `index` (0-based); `jitter` in [0, 1) spreads records within their slot. */
  timeAt(index: number, jitter: number): number;
}

export function createTimeline(startMs: number, spanMs: number, count: number, intensity: (timeMs: number) => number): Timeline {
  const hours = Math.max(1, Math.ceil(spanMs / HOUR_MS));
  const bucketStart = new Float64Array(hours);
  const bucketLength = new Float64Array(hours);
  const cumulative = new Float64Array(hours + 1);
  for (let hour = 0; hour < hours; hour++) {
    const from = startMs + hour * HOUR_MS;
    const length = Math.min(HOUR_MS, startMs + spanMs - from);
    bucketStart[hour] = from;
    bucketLength[hour] = length;
    cumulative[hour + 1] = (cumulative[hour] as number) + intensity(from + length / 2) * (length / HOUR_MS);
  }
  const total = cumulative[hours] as number;
  return {
    timeAt(index, jitter) {
      const target = (Math.min(index + jitter, count) / Math.max(1, count)) * total;
      let low = 0;
      let high = hours - 1;
      while (low < high) {
        const mid = (low + high) >>> 1;
        if ((cumulative[mid + 1] as number) > target) high = mid;
        else low = mid + 1;
      }
      const weight = (cumulative[low + 1] as number) - (cumulative[low] as number);
      const within = weight > 0 ? (target - (cumulative[low] as number)) / weight : 0;
      return Math.floor((bucketStart[low] as number) + Math.min(0.999999, within) * (bucketLength[low] as number));
    },
  };
}
