/**
 * One staged row as one NDJSON line. Offsets and times become plain JSON numbers (Kafka offsets
 * and epoch milliseconds stay far below 2^53), so DuckDB's read_json and JSON.parse both read it.
 */
import type { EnrichedRow, ProcessedRow } from '../../core/enriched-row.ts';
import { PulseError } from '../../core/errors.ts';

export function encodeStagedRow(row: EnrichedRow): string {
  return `${stagedHead(row)}${JSON.stringify(row.description)}}`;
}

// What JSON.stringify escapes in a string; a string without any is its own JSON text between quotes.
// (Surrogates count, paired or not: a pair is written as it is, but telling it from a lone one costs more.)
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** JSON text of a string or null, as JSON.stringify writes it; most strings skip its call. */
const text = (value: string | null): string => (value === null ? 'null' : NEEDS_ESCAPE.test(value) ? JSON.stringify(value) : `"${value}"`);

// Skill ids come from a small set: each one's JSON text is made once per process.
const skillLiterals = new Map<string, string>();

/** JSON array of the skill ids, as JSON.stringify writes it. */
function skillsJson(skills: readonly string[]): string {
  let json = '[';
  for (let index = 0; index < skills.length; index++) {
    const id = skills[index]!;
    let literal = skillLiterals.get(id);
    if (literal === undefined) {
      literal = JSON.stringify(id);
      if (skillLiterals.size < 100_000) skillLiterals.set(id, literal);
    }
    json += index === 0 ? literal : `,${literal}`;
  }
  return `${json}]`;
}

/**
 * Every field of the staged line but the description, which comes last: the line up to and
 * including `"description":`. Written field by field (no copy of the row per line); a string that
 * needs escaping goes through JSON.stringify, so escaping is JSON's own.
 */
function stagedHead(row: ProcessedRow): string {
  return (
    `{"event_id":${text(row.event_id)},"job_id":${text(row.job_id)},"posted_at_ms":${row.posted_at_ms},` +
    `"title":${text(row.title)},"company":${text(row.company)},"location":${text(row.location)},` +
    `"skills":${skillsJson(row.skills)},"experience_level":${text(row.experience_level)},"region":${text(row.region)},` +
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
 * Certain when the text holds exactly one string `"description"`, written as a key with `:"` right
 * after it, and no `\u` escape outside that key's value (so no other key can spell "description"
 * with escapes). An unescaped quote followed by a letter opens a string, so a match is a string,
 * never the inside of one; hence none can sit inside the value, and the search for a second one
 * reads only the bytes after it. The caller guarantees the event parsed and had a string
 * payload.description, which then must be that key.
 */
function descriptionLiteral(source: Buffer): [number, number] | undefined {
  let key = source.indexOf(DESCRIPTION_KEY);
  while (key >= 0 && isEscaped(source, key)) key = source.indexOf(DESCRIPTION_KEY, key + 1);
  if (key < 0) return undefined;
  const start = key + DESCRIPTION_KEY.length + 1;
  if (source[start - 1] !== COLON || source[start] !== QUOTE) return undefined;
  let end = start;
  do {
    end = source.indexOf(QUOTE, end + 1);
    if (end < 0) return undefined;
  } while (isEscaped(source, end));
  for (let at = source.indexOf(DESCRIPTION_KEY, end + 1); at >= 0; at = source.indexOf(DESCRIPTION_KEY, at + 1)) {
    if (!isEscaped(source, at)) return undefined;
  }
  if (source.subarray(0, key).indexOf(UNICODE_ESCAPE) >= 0 || source.indexOf(UNICODE_ESCAPE, end + 1) >= 0) return undefined;
  return [start, end + 1];
}

/**
 * Encodes batches of staged lines into one buffer of its own, reused from batch to batch: the
 * buffer encode() returns is valid until its next call. A fresh buffer per batch (megabytes, written
 * once) costs a page fault per 4 KiB touched; the cold sink keeps one encoder per partition, whose
 * stages run one at a time, so a batch's bytes are on disk before the buffer is written again.
 */
export class StagedLineEncoder {
  private buffer = Buffer.allocUnsafe(0);

  /**
   * A batch's staged lines. `sources[i]`, when given, must be row i's Kafka value with row i's
   * description (when the row has one) exactly the string JSON.parse read for payload.description
   * from it (processBatch's rowSources): the description's raw JSON literal is then copied from it
   * when it can be located for certain, which saves escaping and UTF-8-encoding the longest field
   * again; when it cannot, a row without a description reads it back from the value. The line
   * parses to the same row as encodeStagedRow's (the key order differs).
   */
  encode(rows: readonly ProcessedRow[], sources?: ReadonlyArray<Buffer | null | undefined>): Buffer {
    let at = 0;
    for (let index = 0; index < rows.length; index++) {
      const row = rows[index]!;
      const source = sources?.[index];
      const span = source === null || source === undefined ? undefined : descriptionLiteral(source);
      if (span === undefined) {
        const line = encodeStagedRow(withDescription(row, source));
        // A UTF-16 code unit takes at most 3 bytes in UTF-8.
        this.reserve(at, line.length * 3 + 1);
        at += this.buffer.write(line, at);
      } else {
        const head = stagedHead(row);
        this.reserve(at, head.length * 3 + span[1] - span[0] + 2);
        at += this.buffer.write(head, at);
        this.buffer.set(source!.subarray(span[0], span[1]), at);
        at += span[1] - span[0];
        this.buffer[at++] = 0x7d; // }
      }
      this.buffer[at++] = NEWLINE;
    }
    return this.buffer.subarray(0, at);
  }

  /** Grows the buffer, keeping its first `used` bytes, so that `more` bytes fit after them. */
  private reserve(used: number, more: number): void {
    if (used + more <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(used + more, this.buffer.length * 2, 64 * 1024));
    this.buffer.copy(grown, 0, 0, used);
    this.buffer = grown;
  }
}

/** The row with its description, read back from its Kafka value when the row has none. */
function withDescription(row: ProcessedRow, source: Buffer | null | undefined): EnrichedRow {
  if (row.description !== undefined) return row as EnrichedRow;
  const description = source === null || source === undefined ? undefined : (JSON.parse(source.toString('utf8')) as { payload?: { description?: unknown } }).payload?.description;
  if (typeof description !== 'string') {
    throw new PulseError('INTERNAL', `staged row at offset ${row.kafka_offset} has no description and no Kafka value holding one`);
  }
  return { ...row, description };
}

/** A batch's staged lines in a buffer of their own (see StagedLineEncoder.encode). */
export function encodeStagedRows(rows: readonly ProcessedRow[], sources?: ReadonlyArray<Buffer | null | undefined>): Buffer {
  return Buffer.from(new StagedLineEncoder().encode(rows, sources));
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
