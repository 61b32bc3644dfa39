/**
 * Looping a re-stamped corpus: each pass ends at the moment it starts, so when a pass plays more
 * event time than it lasts, the next pass starts behind the previous one's latest event. Events
 * further behind than the processor's allowed lateness are late: stored cold, never counted hot.
 * Measured: a 24-hour corpus of 600,000 looped at 2,000/s (5-minute passes) for 2.2M records had
 * 1.73M of them late.
 */
export interface LoopLatenessInput {
  /** Event-time range of the corpus (header). */
  spanMs: number;
  records: number;
  /** Replay rate, events/s (> 0). */
  ratePerSec: number;
  /** The processor's allowed lateness (its default: 2 h). */
  allowedLatenessMs: number;
}

export interface LoopLateness {
  /** How long one pass lasts at the rate. */
  passMs: number;
  /** How far behind the previous pass's latest event time a pass starts. */
  behindMs: number;
  /** Share of a later pass whose event time is further behind than the allowed lateness (0..1). */
  lateShare: number;
  /** The `--hours` a corpus of this size needs for passes that neither fall behind nor run ahead. */
  matchingHours: number;
}

export function loopLateness(input: LoopLatenessInput): LoopLateness {
  const passMs = (input.records / input.ratePerSec) * 1000;
  const behindMs = Math.max(0, input.spanMs - passMs);
  const lateShare = input.spanMs <= 0 ? 0 : Math.min(1, Math.max(0, behindMs - input.allowedLatenessMs) / input.spanMs);
  return { passMs, behindMs, lateShare, matchingHours: passMs / 3_600_000 };
}

/** The warning `generate replay` prints before a looped, re-stamped replay that will mostly be late. */
export function loopLatenessWarning(input: LoopLatenessInput): string | undefined {
  const result = loopLateness(input);
  if (result.lateShare < 0.05) return undefined;
  const hours = (ms: number) => (ms < 120_000 ? `${Math.round(ms / 1000)} s` : ms < 7_200_000 ? `${Math.round(ms / 60_000)} min` : `${Math.round(ms / 3_600_000)} h`);
  return (
    `warning: each pass plays ${hours(input.spanMs)} of event time in ${hours(result.passMs)}, so every pass after the first ` +
    `starts ${hours(result.behindMs)} behind the previous one: about ${Math.round(result.lateShare * 100)}% of its events will be late ` +
    `(beyond the processor's allowed lateness of ${hours(input.allowedLatenessMs)}; stored cold, not counted hot). ` +
    `For a steady looped load, record the corpus with --hours ${result.matchingHours.toPrecision(2)} (its count at this rate).`
  );
}
