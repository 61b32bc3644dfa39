/**
 * One staged row as one NDJSON line. Offsets and times become plain JSON numbers (Kafka offsets
 * and epoch milliseconds stay far below 2^53), so DuckDB's read_json and JSON.parse both read it.
 */
import type { EnrichedRow } from '../../core/enriched-row.ts';

export function encodeStagedRow(row: EnrichedRow): string {
  return `${stagedHead(row)}${JSON.stringify(row.description)}}`;
}

const text = (value: string | null): string => (value === null ? 'null' : JSON.stringify(value));

/**
 * Every field of the staged line but the description, which comes last: the line up to and
 * including `"description":`. Written field by field (no copy of the row per line); strings go
 * through JSON.stringify, so escaping is JSON's own.
 */
function stagedHead(row: EnrichedRow): string {
  return (
    `{"event_id":${text(row.event_id)},"job_id":${text(row.job_id)},"posted_at_ms":${row.posted_at_ms},` +
    `"title":${text(row.title)},"company":${text(row.company)},"location":${text(row.location)},` +
    `"skills":${JSON.stringify(row.skills)},"experience_level":${text(row.experience_level)},"region":${text(row.region)},` +
    `"region_area":${text(row.region_area)},"city":${text(row.city)},"subdivision":${text(row.subdivision)},` +
    `"is_remote":${row.is_remote},"source":${text(row.source)},"taxonomy_version":${text(row.taxonomy_version)},` +
    `"late":${row.late},"repaired":${row.repaired},"kafka_partition":${row.kafka_partition},` +
    `"kafka_offset":${row.kafka_offset},"ingested_at_ms":${row.ingested_at_ms},"description":`
  );
}

const DESCRIPTION_KEY = Buffer.from('"description"');
const UNICODE_ESCAPE = Buffer.from('\\u');
const QUOTE = 0x22;
const COLON = 0x3a;
const BACKSLASH = 0x5c;
const NEWLINE = 0x0a;

/** Whether the byte at `at` (inside a JSON text) follows an odd run of backslashes: an escaped character. */
function isEscaped(source: Buffer, at: number): boolean {
  let backslashes = 0;
  while (at - 1 - backslashes >= 0 && source[at - 1 - backslashes] === BACKSLASH) backslashes += 1;
  return backslashes % 2 === 1;
}

/**
 * Where payload.description's string literal sits in an event's raw JSON bytes, as [start, end)
 * (quotes included), found without decoding it; undefined when that cannot be told for certain.
 * Certain when the text holds exactly one string `"description"` (an unescaped quote followed by a
 * letter opens a string, so a match is a string, never the inside of one), written as a key with
 * `:"` right after it, and no `\u` escape anywhere (so no other key can spell "description" with
 * escapes). The caller guarantees the event parsed and had a string payload.description, which
 * then must be that key.
 */
function descriptionLiteral(source: Buffer): [number, number] | undefined {
  if (source.indexOf(UNICODE_ESCAPE) >= 0) return undefined;
  let key = -1;
  for (let at = source.indexOf(DESCRIPTION_KEY); at >= 0; at = source.indexOf(DESCRIPTION_KEY, at + 1)) {
    if (isEscaped(source, at)) continue;
    if (key >= 0) return undefined;
    key = at;
  }
  if (key < 0) return undefined;
  const start = key + DESCRIPTION_KEY.length + 1;
  if (source[start - 1] !== COLON || source[start] !== QUOTE) return undefined;
  let end = start;
  do {
    end = source.indexOf(QUOTE, end + 1);
    if (end < 0) return undefined;
  } while (isEscaped(source, end));
  return [start, end + 1];
}

/**
 * A batch's staged lines as one buffer. `sources[i]`, when given, must be row i's Kafka value with
 * row i's description exactly the string JSON.parse read for payload.description from it
 * (processBatch's rowSources): the description's raw JSON literal is then copied from it when it
 * can be located for certain, which saves escaping and UTF-8-encoding the longest field again. The
 * line parses to the same row as encodeStagedRow's (the key order differs).
 */
export function encodeStagedRows(rows: readonly EnrichedRow[], sources?: ReadonlyArray<Buffer | null | undefined>): Buffer {
  // Text parts and literal spans, written into one buffer at the end (no buffer per row).
  const texts: string[] = [];
  const literals: Array<[Buffer, number, number] | undefined> = [];
  let bytes = 0;
  for (let index = 0; index < rows.length; index++) {
    const row = rows[index]!;
    const source = sources?.[index];
    const span = source === null || source === undefined ? undefined : descriptionLiteral(source);
    if (span === undefined) {
      const line = encodeStagedRow(row);
      texts.push(line);
      literals.push(undefined);
      bytes += Buffer.byteLength(line) + 1;
      continue;
    }
    const head = stagedHead(row);
    texts.push(head);
    literals.push([source!, span[0], span[1]]);
    bytes += Buffer.byteLength(head) + span[1] - span[0] + 2;
  }
  const out = Buffer.allocUnsafe(bytes);
  let at = 0;
  for (let index = 0; index < texts.length; index++) {
    at += out.write(texts[index]!, at);
    const literal = literals[index];
    if (literal !== undefined) {
      at += literal[0].copy(out, at, literal[1], literal[2]);
      out[at++] = 0x7d; // }
    }
    out[at++] = NEWLINE;
  }
  return out;
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
