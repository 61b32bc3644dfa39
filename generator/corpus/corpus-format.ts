/**
 * The corpus file format (documented in generator/README.md): a gzip stream of
 *
 *   magic "TPCORPUS" · u8 version (1) · u32 header length · header JSON (UTF-8)
 *   then frames, each starting with a u8 type:
 *     1 record: u8 flags · u16 chaos bits · [u32 key length · key] · [u8 id length · event_id]
 *               · [f64 event time ms] · u32 value length · value
 *       flags: 1 key present, 2 event_id present, 4 contract valid, 8 event time present;
 *       chaos bit i = CHAOS_KINDS[i]
 *     2 end:    u32 record count (a file without it was cut short)
 *
 * All integers big-endian. Keys and values are raw bytes, so non-JSON chaos records survive as is.
 */
import { CHAOS_KINDS, type ChaosKind } from '../chaos/chaos-kinds.ts';
import type { GeneratedRecord } from '../generated-record.ts';

export const CORPUS_MAGIC = Buffer.from('TPCORPUS');
export const CORPUS_VERSION = 1;
export const FRAME_RECORD = 1;
export const FRAME_END = 2;
export const FLAG_KEY = 1;
export const FLAG_EVENT_ID = 2;
export const FLAG_VALID = 4;
export const FLAG_EVENT_TIME = 8;

export interface CorpusHeader {
  format: 'talent-pulse/corpus@1';
  /** What made the corpus (seed, options…), free-form. */
  [name: string]: unknown;
}

export function chaosBits(kinds: readonly ChaosKind[]): number {
  let bits = 0;
  for (const kind of kinds) bits |= 1 << CHAOS_KINDS.indexOf(kind);
  return bits;
}

export function chaosKinds(bits: number): ChaosKind[] {
  return CHAOS_KINDS.filter((_kind, index) => (bits & (1 << index)) !== 0);
}

export function encodeRecordFrame(record: GeneratedRecord): Buffer {
  const eventId = record.eventId !== undefined ? Buffer.from(record.eventId) : null;
  const size = 1 + 1 + 2 + (record.key !== null ? 4 + record.key.length : 0) + (eventId !== null ? 1 + eventId.length : 0)
    + (record.eventTimeMs !== undefined ? 8 : 0) + 4 + record.value.length;
  const frame = Buffer.allocUnsafe(size);
  let offset = frame.writeUInt8(FRAME_RECORD, 0);
  const flags = (record.key !== null ? FLAG_KEY : 0) | (eventId !== null ? FLAG_EVENT_ID : 0)
    | (record.contractValid ? FLAG_VALID : 0) | (record.eventTimeMs !== undefined ? FLAG_EVENT_TIME : 0);
  offset = frame.writeUInt8(flags, offset);
  offset = frame.writeUInt16BE(chaosBits(record.chaos), offset);
  if (record.key !== null) {
    offset = frame.writeUInt32BE(record.key.length, offset);
    offset += record.key.copy(frame, offset);
  }
  if (eventId !== null) {
    offset = frame.writeUInt8(eventId.length, offset);
    offset += eventId.copy(frame, offset);
  }
  if (record.eventTimeMs !== undefined) offset = frame.writeDoubleBE(record.eventTimeMs, offset);
  offset = frame.writeUInt32BE(record.value.length, offset);
  record.value.copy(frame, offset);
  return frame;
}
