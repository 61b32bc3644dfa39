/**
 * One enriched posting: what the processor derives from a valid event, and one row of the cold
 * table `silver_job_postings`. The hot path counts (skill, region, hour) of the rows that are not late.
 */
export const EXPERIENCE_LEVELS = ['intern', 'junior', 'mid', 'senior', 'lead', 'principal', 'executive', 'unknown'] as const;
export type ExperienceLevel = (typeof EXPERIENCE_LEVELS)[number];

export interface EnrichedRow {
  event_id: string;
  job_id: string;
  /** Event time (the event's `timestamp`, repaired to UTC), epoch milliseconds. */
  posted_at_ms: number;
  title: string;
  company: string;
  description: string;
  /** The location exactly as the event gave it (null when absent). */
  location: string | null;
  /** Canonical skill ids, each once, in the extractor's stable order. */
  skills: string[];
  experience_level: ExperienceLevel;
  /** Lower-case country code (`uk` for the United Kingdom), `remote`, or `unknown`. */
  region: string;
  /** Stated area of a remote posting with no country, e.g. `EU` for "Remote - EU". */
  region_area: string | null;
  city: string | null;
  subdivision: string | null;
  is_remote: boolean;
  source: string;
  taxonomy_version: string;
  /** Event time fell in a window that its partition's watermark had already closed. */
  late: boolean;
  /** Something was repaired on the way in (see docs/processor-rules.md). */
  repaired: boolean;
  kafka_partition: number;
  kafka_offset: bigint;
  ingested_at_ms: number;
}

/**
 * A row as the processor hands it to the sinks. A row read verbatim has no description of its own
 * (undefined): its Kafka value (the batch's `rowSources`) holds it, as the string JSON.parse reads
 * for payload.description, so the batch does not keep a second copy of its longest field alive
 * while it is staged and applied.
 */
export type ProcessedRow = Omit<EnrichedRow, 'description'> & { description: string | undefined };
