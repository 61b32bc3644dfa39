/**
 * An independent recount of what the hot counts must be, straight from the records of a topic:
 * per partition in offset order, a valid event counts once per skill unless its event_id was seen
 * before in the partition or its window was already final against the partition's own max event
 * time. No batching, no state eviction, no Redis: a plain loop over the whole history with a set of
 * every id ever seen.
 */
import { decodeRecord } from '../../processor/decode/decode-record.ts';
import type { Enricher } from '../../processor/enrich/enricher.ts';
import { WINDOW_SIZE_MS, hourLabel, windowStart } from '../../processor/window/window-math.ts';
import type { ReceivedMessage } from './kafka.ts';

export interface OracleResult {
  /** `trend:{skill}:{region}:{hour}` → count. */
  counts: Map<string, number>;
  /** Rows the cold store gets: valid events that are not dropped as duplicates. */
  valid: number;
  /** `partition:offset` of every such row, so a mismatch can name what is missing or extra. */
  rowKeys: Set<string>;
  /** Distinct event_ids among those rows (repeats beyond the dedup horizon are rows too). */
  distinctValid: number;
  duplicates: number;
  late: number;
  rejected: number;
}

/**
 * `dedupGraceMs` is the documented dedup horizon: a repeat of an id is dropped while the id's hour
 * is within the horizon; beyond it the repeat is a late row (never counted hot either way).
 */
export function expectedHotCounts(
  messages: readonly ReceivedMessage[],
  /** One enricher, or the one that enriched each record (a taxonomy switch at an offset). */
  enricher: Enricher | ((message: ReceivedMessage) => Enricher),
  allowedLatenessMs: number,
  dedupGraceMs = 3_600_000,
): OracleResult {
  const result: OracleResult = { counts: new Map(), rowKeys: new Set(), valid: 0, distinctValid: 0, duplicates: 0, late: 0, rejected: 0 };
  const byPartition = new Map<number, ReceivedMessage[]>();
  for (const message of messages) {
    const list = byPartition.get(message.partition);
    if (list === undefined) byPartition.set(message.partition, [message]);
    else list.push(message);
  }
  for (const partitionMessages of byPartition.values()) {
    partitionMessages.sort((a, b) => Number(BigInt(a.offset) - BigInt(b.offset)));
    const seen = new Set<string>();
    let maxEventTime = Number.NEGATIVE_INFINITY;
    for (const message of partitionMessages) {
      const decoded = decodeRecord(message.value, Number(message.timestamp));
      if (!decoded.ok) {
        result.rejected += 1;
        continue;
      }
      const { event, eventTimeMs } = decoded.value;
      maxEventTime = Math.max(maxEventTime, eventTimeMs);
      const watermark = maxEventTime - allowedLatenessMs;
      const inDedupHorizon = windowStart(eventTimeMs) + WINDOW_SIZE_MS + dedupGraceMs > watermark;
      if (seen.has(event.event_id) && inDedupHorizon) {
        result.duplicates += 1;
        continue;
      }
      if (!seen.has(event.event_id)) result.distinctValid += 1;
      seen.add(event.event_id);
      result.valid += 1;
      result.rowKeys.add(`${message.partition}:${message.offset}`);
      if (windowStart(eventTimeMs) + WINDOW_SIZE_MS <= watermark) {
        result.late += 1;
        continue;
      }
      const { skills, region } = (typeof enricher === 'function' ? enricher(message) : enricher).enrich(event.payload);
      for (const skill of skills) {
        const key = `trend:${skill}:${region}:${hourLabel(windowStart(eventTimeMs))}`;
        result.counts.set(key, (result.counts.get(key) ?? 0) + 1);
      }
    }
  }
  return result;
}
