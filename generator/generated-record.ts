import type { ChaosKind } from './chaos/chaos-kinds.ts';
import type { PostingTruth } from './model/create-posting-model.ts';

/** One record as the generator made it: exactly the bytes to send, plus what is known about them. */
export interface GeneratedRecord {
  /** Position in the stream, from 0. */
  index: number;
  /** The job_id as UTF-8 (every record is keyed, so a re-sent event lands in the same partition). */
  key: Buffer | null;
  value: Buffer;
  /** The event_id the bytes carry, when they carry a string one. */
  eventId?: string;
  /** Chaos kinds injected into this record; empty for a clean event. */
  chaos: ChaosKind[];
  /** True when the record satisfies the contract (valid JSON, schema, and a real date). */
  contractValid: boolean;
  /** The posting's true event time (before any timestamp chaos), epoch ms. */
  eventTimeMs?: number;
  /** Ground truth of the posting (skills, seniority, country…); not stored in a corpus. */
  truth?: PostingTruth;
}
