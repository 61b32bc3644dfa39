/**
 * One staged row as one NDJSON line. Offsets and times become plain JSON numbers (Kafka offsets
 * and epoch milliseconds stay far below 2^53), so DuckDB's read_json and JSON.parse both read it.
 */
import type { EnrichedRow } from '../../core/enriched-row.ts';

export function encodeStagedRow(row: EnrichedRow): string {
  return JSON.stringify({ ...row, kafka_offset: Number(row.kafka_offset) });
}

/** The row of a staged line, or undefined for a torn or foreign line (ignored by readers). */
export function decodeStagedRow(line: string): EnrichedRow | undefined {
  if (line.length === 0 || line.charCodeAt(line.length - 1) !== 0x7d /* } */) return undefined;
  try {
    const value = JSON.parse(line) as Record<string, unknown>;
    if (typeof value.kafka_offset !== 'number' || typeof value.event_id !== 'string' || typeof value.posted_at_ms !== 'number') return undefined;
    return { ...(value as unknown as EnrichedRow), kafka_offset: BigInt(value.kafka_offset) };
  } catch {
    return undefined;
  }
}
