/**
 * The rows of a staging file. A crash can leave the last line half-written: such a torn line (and
 * anything else that does not decode) is skipped and counted, never fatal, because every complete
 * line carries its own kafka_offset and the runner re-stages whatever the Redis fence lacks.
 */
import fs from 'node:fs';
import type { EnrichedRow } from '../../core/enriched-row.ts';
import { decodeStagedRow } from './staged-row.ts';

export interface StagedContent {
  rows: EnrichedRow[];
  /** Lines that did not decode (normally none, or one torn last line after a crash). */
  skippedLines: number;
}

export function readStagedFile(file: string): StagedContent {
  const rows: EnrichedRow[] = [];
  let skippedLines = 0;
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (line.length === 0) continue;
    const row = decodeStagedRow(line);
    if (row === undefined) skippedLines += 1;
    else rows.push(row);
  }
  return { rows, skippedLines };
}
