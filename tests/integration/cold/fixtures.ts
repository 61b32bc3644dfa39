/** Rows and lakes for the cold-store tests. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { EnrichedRow } from '../../../core/enriched-row.ts';

export function tempLake(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-lake-'));
}

/** A row at `offset` of `partition`; posted at `postedAt` (ISO, UTC). */
export function makeRow(partition: number, offset: number, postedAt: string, overrides: Partial<EnrichedRow> = {}): EnrichedRow {
  return {
    event_id: `evt-${partition}-${offset}`,
    job_id: `job-${offset}`,
    posted_at_ms: Date.parse(postedAt),
    title: 'Senior Data Engineer',
    company: 'Tech Corp',
    description: `We need Spark, Kafka and Python. Row ${offset}, "quoted", new\nline and ünïcode.`,
    location: 'London, UK',
    skills: ['spark', 'kafka', 'python'],
    experience_level: 'senior',
    region: 'uk',
    region_area: null,
    city: 'london',
    subdivision: 'england',
    is_remote: false,
    source: 'linkedin_sim',
    taxonomy_version: 'test-1',
    late: false,
    repaired: false,
    kafka_partition: partition,
    kafka_offset: BigInt(offset),
    ingested_at_ms: Date.parse('2024-03-20T00:00:00Z'),
    ...overrides,
  };
}

/** Rows for offsets first..last (inclusive) of one partition, all at `postedAt`. */
export function makeRows(partition: number, first: number, last: number, postedAt: string, overrides: Partial<EnrichedRow> = {}): EnrichedRow[] {
  const rows: EnrichedRow[] = [];
  for (let offset = first; offset <= last; offset += 1) rows.push(makeRow(partition, offset, postedAt, overrides));
  return rows;
}
