/**
 * Batch size for a paced publisher: about 50 sends a second (one every 20 ms), so the rate is
 * smooth at any scale, never more than the flat-out batch size and never less than one event.
 */
const SENDS_PER_SECOND = 50;

export function pacedBatchSize(ratePerSec: number, maxBatchSize: number): number {
  return Math.max(1, Math.min(maxBatchSize, Math.round(ratePerSec / SENDS_PER_SECOND)));
}
