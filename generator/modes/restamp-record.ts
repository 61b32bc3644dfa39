/**
 * Rewrites a recorded record for replay: event times shifted by `shiftMs` (relative offsets, late
 * and future ones included, are kept) and, on loops after the first, a new event_id derived from
 * the old one and the loop number. Derived ids keep a corpus's own duplicates duplicated (same id
 * in, same id out) while each loop is new to a deduplicating consumer. Non-JSON values and
 * timestamps in odd formats are left as they are: they are chaos, and stay the same chaos.
 */
import type { GeneratedRecord } from '../generated-record.ts';
import { createRandom } from '../random/create-random.ts';

const ISO_SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const OPEN_BRACE = 0x7b;

/** A UUID v4-shaped id, a pure function of (event id, loop). */
export function loopEventId(eventId: string, loop: number): string {
  return createRandom(`${eventId}#loop${loop}`).uuid();
}

export function restampRecord(record: GeneratedRecord, shiftMs: number, loop: number): GeneratedRecord {
  if ((shiftMs === 0 && loop === 0) || record.value[0] !== OPEN_BRACE) return record;
  let event: Record<string, unknown>;
  try {
    event = JSON.parse(record.value.toString('utf8')) as Record<string, unknown>;
  } catch {
    return record;
  }
  if (event === null || typeof event !== 'object' || Array.isArray(event)) return record;
  // The pattern also matches impossible dates that chaos writes (2024-13-45T25:61:00Z): those
  // parse to NaN and stay as they are, the same chaos in every loop.
  const parsed = typeof event.timestamp === 'string' && ISO_SECONDS.test(event.timestamp) ? Date.parse(event.timestamp) : Number.NaN;
  if (Number.isFinite(parsed) && shiftMs !== 0) {
    event.timestamp = `${new Date(parsed + shiftMs).toISOString().slice(0, 19)}Z`;
  }
  let eventId = record.eventId;
  if (loop > 0 && typeof event.event_id === 'string') {
    eventId = loopEventId(event.event_id, loop);
    event.event_id = eventId;
  }
  return {
    ...record,
    value: Buffer.from(JSON.stringify(event)),
    ...(eventId !== undefined && { eventId }),
    ...(record.eventTimeMs !== undefined && { eventTimeMs: record.eventTimeMs + shiftMs }),
  };
}
