/**
 * The processor's CPU path for one batch of one partition: decode → dedup → enrich → window.
 * Pure apart from mutating the partition state; no I/O. The sinks then apply the outcome.
 */
import type { ProcessedRow } from '../../core/enriched-row.ts';
import type { ConsumedMessage } from '../../core/kafka/types.ts';
import { type DecodeOptions, decodeRecord } from '../decode/decode-record.ts';
import type { DlqReason, Repair } from '../decode/dlq-reasons.ts';
import type { Enricher } from '../enrich/enricher.ts';
import { partitionWatermark } from '../window/watermark.ts';
import { WINDOW_SIZE_MS, windowStart } from '../window/window-math.ts';
import type { PartitionState } from './partition-state.ts';

export interface ProcessOptions {
  /** Event time may trail its partition's max by this much before its window is final; default 2 h. */
  allowedLatenessMs: number;
  decode: DecodeOptions;
}

export interface DlqRecord {
  message: ConsumedMessage;
  reason: DlqReason;
  detail: string;
}

/** Hot count increments of the batch: hour → region → skill → delta (non-late rows only). */
export type CountDeltas = Map<number, Map<string, Map<string, number>>>;

export interface BatchOutcome {
  partition: number;
  firstOffset: number;
  lastOffset: number;
  rows: ProcessedRow[];
  /**
   * Each row's Kafka value (aligned with rows) when the row's description is exactly the string
   * JSON.parse read for payload.description from it, else null. The row then has no description of
   * its own: the cold sink copies the description's raw JSON literal from the value (see
   * StagedLineEncoder).
   */
  rowSources: Array<Buffer | null>;
  dlq: DlqRecord[];
  counts: CountDeltas;
  /** Ids first seen in this batch, by event-time bucket, with their offsets. */
  remembered: Map<number, Array<[string, number]>>;
  evictedBuckets: number[];
  duplicates: number;
  late: number;
  repairs: Map<Repair, number>;
  maxEventTimeMs: number;
}

/** Adds one posting of each skill to the (hour, region) counts. */
function addCounts(counts: CountDeltas, hour: number, region: string, skills: readonly string[]): void {
  if (skills.length === 0) return;
  let byRegion = counts.get(hour);
  if (byRegion === undefined) counts.set(hour, (byRegion = new Map()));
  let bySkill = byRegion.get(region);
  if (bySkill === undefined) byRegion.set(region, (bySkill = new Map()));
  for (const skill of skills) bySkill.set(skill, (bySkill.get(skill) ?? 0) + 1);
}

export function processBatch(
  state: PartitionState,
  messages: readonly ConsumedMessage[],
  enricher: Enricher,
  options: ProcessOptions,
  ingestedAtMs: number,
): BatchOutcome {
  const outcome: BatchOutcome = {
    partition: state.partition,
    firstOffset: messages.length > 0 ? Number(messages[0]!.offset) : state.lastOffset + 1,
    lastOffset: state.lastOffset,
    rows: [],
    rowSources: [],
    dlq: [],
    counts: new Map(),
    remembered: new Map(),
    evictedBuckets: [],
    duplicates: 0,
    late: 0,
    repairs: new Map(),
    maxEventTimeMs: state.maxEventTimeMs,
  };
  for (const message of messages) {
    const offset = Number(message.offset);
    outcome.lastOffset = offset;
    const decoded = decodeRecord(message.value, Number(message.timestamp), options.decode);
    if (!decoded.ok) {
      outcome.dlq.push({ message, reason: decoded.reason, detail: decoded.message });
      continue;
    }
    const { event, eventTimeMs, repairs, descriptionVerbatim } = decoded.value;
    if (eventTimeMs > state.maxEventTimeMs) state.maxEventTimeMs = eventTimeMs;
    const watermark = partitionWatermark(state.maxEventTimeMs, options.allowedLatenessMs);
    if (state.dedup.inHorizon(eventTimeMs, watermark)) {
      const first = state.dedup.firstOffset(event.event_id, eventTimeMs);
      if (first !== undefined && first < offset) {
        outcome.duplicates += 1;
        continue;
      }
      state.dedup.remember(event.event_id, eventTimeMs, offset);
      const bucket = windowStart(eventTimeMs);
      let added = outcome.remembered.get(bucket);
      if (added === undefined) outcome.remembered.set(bucket, (added = []));
      added.push([event.event_id, offset]);
    }
    const hour = windowStart(eventTimeMs);
    const late = hour + WINDOW_SIZE_MS <= watermark;
    const payload = event.payload;
    const enrichment = enricher.enrich({
      title: payload.title,
      description: payload.description,
      location: payload.location,
      is_remote: payload.is_remote,
    });
    for (const repair of repairs) outcome.repairs.set(repair, (outcome.repairs.get(repair) ?? 0) + 1);
    if (late) outcome.late += 1;
    else addCounts(outcome.counts, hour, enrichment.region, enrichment.skills);
    outcome.rows.push({
      event_id: event.event_id,
      job_id: payload.job_id,
      posted_at_ms: eventTimeMs,
      title: payload.title,
      company: payload.company,
      description: descriptionVerbatim ? undefined : payload.description,
      location: payload.location,
      skills: enrichment.skills,
      experience_level: enrichment.experience_level,
      region: enrichment.region,
      region_area: enrichment.region_area,
      city: enrichment.city,
      subdivision: enrichment.subdivision,
      is_remote: enrichment.is_remote,
      source: event.source,
      taxonomy_version: enricher.taxonomyVersion,
      late,
      repaired: repairs.length > 0,
      kafka_partition: state.partition,
      kafka_offset: BigInt(offset),
      ingested_at_ms: ingestedAtMs,
    });
    outcome.rowSources.push(descriptionVerbatim ? message.value : null);
  }
  state.lastOffset = outcome.lastOffset;
  outcome.maxEventTimeMs = state.maxEventTimeMs;
  outcome.evictedBuckets = state.dedup.evict(partitionWatermark(state.maxEventTimeMs, options.allowedLatenessMs));
  return outcome;
}
