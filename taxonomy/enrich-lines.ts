/**
 * The batch form of enrichment behind `pulse enrich`: NDJSON `job.postings.v1` events in, one JSON
 * object per input line out, in input order. A line that is not JSON or not a valid event yields an
 * error object naming its line number and the issues, and the stream goes on. Blank lines are
 * skipped. Nothing here needs Kafka or Redis.
 */
import readline from 'node:readline';
import type { Readable } from 'node:stream';
import { validateEvent, type ContractIssue } from '../core/contract.ts';
import type { Enricher } from './enricher.ts';

export interface EnrichedLine {
  event_id: string;
  job_id: string;
  skills: string[];
  region: string;
  region_area: string | null;
  city: string | null;
  subdivision: string | null;
  is_remote: boolean;
  experience_level: string;
  taxonomy_version: string;
}

export interface RejectedLine {
  line: number;
  error: 'INVALID_JSON' | 'CONTRACT_VIOLATION';
  issues: ContractIssue[];
}

export interface EnrichLinesSummary {
  lines: number;
  enriched: number;
  rejected: number;
}

export function enrichLine(text: string, lineNumber: number, enricher: Enricher): EnrichedLine | RejectedLine {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { line: lineNumber, error: 'INVALID_JSON', issues: [{ field: '(event)', message: (error as Error).message }] };
  }
  const result = validateEvent(value);
  if (!result.ok) return { line: lineNumber, error: 'CONTRACT_VIOLATION', issues: result.issues };
  const { event } = result;
  const enrichment = enricher.enrich(event.payload);
  return { event_id: event.event_id, job_id: event.payload.job_id, ...enrichment, taxonomy_version: enricher.taxonomyVersion };
}

/** Reads `input` line by line and writes one JSON line per input line to `write`. */
export async function enrichLines(input: Readable, enricher: Enricher, write: (line: string) => void): Promise<EnrichLinesSummary> {
  const summary: EnrichLinesSummary = { lines: 0, enriched: 0, rejected: 0 };
  const lines = readline.createInterface({ input, crlfDelay: Infinity });
  for await (const text of lines) {
    summary.lines++;
    if (text.trim() === '') continue;
    const out = enrichLine(text, summary.lines, enricher);
    if ('error' in out) summary.rejected++;
    else summary.enriched++;
    write(`${JSON.stringify(out)}\n`);
  }
  return summary;
}
