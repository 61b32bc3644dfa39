/**
 * How busy hiring is at a moment, seen from a place: relative posting activity (0..1) at local
 * time. Companies publish postings in working hours, mostly on weekdays; nights and weekends are
 * quiet but never silent (scheduled posts, job boards re-syndicating).
 */
const HOURLY = [
  0.05, 0.04, 0.03, 0.03, 0.04, 0.08, 0.18, 0.4, 0.75, 0.95, 1, 1, 0.85, 0.9, 1, 0.95, 0.85, 0.65, 0.4, 0.25, 0.18, 0.12, 0.09, 0.06,
];
const WEEKEND_FACTOR = 0.22;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

export function postingActivity(utcMs: number, utcOffsetHours: number): number {
  const localMs = utcMs + utcOffsetHours * HOUR_MS;
  const hour = Math.floor((((localMs % DAY_MS) + DAY_MS) % DAY_MS) / HOUR_MS);
  // 1970-01-01 was a Thursday: day 0 → weekday 4 (0 = Sunday).
  const weekday = (((Math.floor(localMs / DAY_MS) + 4) % 7) + 7) % 7;
  const base = HOURLY[hour] as number;
  return weekday === 0 || weekday === 6 ? base * WEEKEND_FACTOR : base;
}
