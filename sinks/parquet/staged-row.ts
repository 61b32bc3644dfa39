/**
 * One staged row as one NDJSON line. Offsets and times become plain JSON numbers (Kafka offsets
 * and epoch milliseconds stay far below 2^53), so DuckDB's read_json and JSON.parse both read it.
 */
import type { EnrichedRow } from '../../core/enriched-row.ts';

export function encodeStagedRow(row: EnrichedRow): string {
  return JSON.stringify({ ...row, kafka_offset: Number(row.kafka_offset) });
}

const DESCRIPTION_KEY = Buffer.from('"description":"');
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const CLOSE_LINE = Buffer.from('}\n');

/**
 * Where the `"description"` string literal sits in an event's raw JSON bytes, if it holds exactly
 * `description` (so an event whose description was repaired, or written with other spacing, or
 * with a second "description" key, falls back to JSON.stringify).
 */
function descriptionLiteral(source: Buffer, description: string): Buffer | undefined {
  const key = source.indexOf(DESCRIPTION_KEY);
  if (key < 0) return undefined;
  const start = key + DESCRIPTION_KEY.length - 1;
  let end = start;
  do {
    end = source.indexOf(QUOTE, end + 1);
    if (end < 0) return undefined;
    let backslashes = 0;
    while (source[end - 1 - backslashes] === BACKSLASH) backslashes += 1;
    if (backslashes % 2 === 0) break;
  } while (true);
  const literal = source.subarray(start, end + 1);
  try {
    return JSON.parse(literal.toString('utf8')) === description ? literal : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A batch's staged lines as one buffer. `sources[i]`, when given, is row i's Kafka value: its
 * description is copied as the raw JSON literal when that literal decodes to exactly the row's
 * description. The line then parses to the same row as encodeStagedRow's (the key order differs);
 * it saves escaping and UTF-8-encoding the longest field again, about half the cost of staging.
 */
export function encodeStagedRows(rows: readonly EnrichedRow[], sources?: ReadonlyArray<Buffer | null | undefined>): Buffer {
  const parts: Buffer[] = [];
  for (let index = 0; index < rows.length; index++) {
    const row = rows[index]!;
    const source = sources?.[index];
    const literal = source === null || source === undefined ? undefined : descriptionLiteral(source, row.description);
    if (literal === undefined) {
      parts.push(Buffer.from(`${encodeStagedRow(row)}\n`));
      continue;
    }
    const { description: _copiedRaw, ...fields } = row;
    const head = JSON.stringify({ ...fields, kafka_offset: Number(row.kafka_offset) });
    parts.push(Buffer.from(`${head.slice(0, -1)},"description":`), literal, CLOSE_LINE);
  }
  return Buffer.concat(parts);
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
