/**
 * The rows of a staging file, read in chunks so memory stays bounded however large the file is
 * (a restart after a busy spell can find hundreds of MB staged). A crash can leave the last line
 * half-written: such a torn line (and anything else that does not decode) is skipped and counted,
 * never fatal, because every complete line carries its own kafka_offset and the runner re-stages
 * whatever the Redis fence lacks.
 */
import fs from 'node:fs';
import type { EnrichedRow } from '../../core/enriched-row.ts';
import { decodeStagedRow } from './staged-row.ts';

/** Where a line sits in its file: bytes [start, end), its newline not included. */
export interface LineSpan {
  start: number;
  end: number;
}

export interface StagedScan {
  rows: number;
  /** Lines that did not decode (normally none, or one torn last line after a crash). */
  skippedLines: number;
}

const NEWLINE = 0x0a;
const CHUNK_BYTES = 4 * 1024 * 1024;

/** Calls `onRow` for each row of the file, in file order, with the line's byte span. */
export async function scanStagedFile(file: string, onRow: (row: EnrichedRow, span: LineSpan) => void, chunkBytes = CHUNK_BYTES): Promise<StagedScan> {
  const handle = await fs.promises.open(file, 'r');
  let rows = 0;
  let skippedLines = 0;
  const takeLine = (bytes: Buffer, start: number) => {
    if (bytes.length === 0) return;
    const row = decodeStagedRow(bytes.toString('utf8'));
    if (row === undefined) skippedLines += 1;
    else {
      rows += 1;
      onRow(row, { start, end: start + bytes.length });
    }
  };
  try {
    // `carry` holds the start of a line that continues into the next chunk.
    let carry = Buffer.alloc(0);
    let carryStart = 0;
    let position = 0;
    const chunk = Buffer.allocUnsafe(chunkBytes);
    for (;;) {
      const { bytesRead } = await handle.read(chunk, 0, chunkBytes, position);
      if (bytesRead === 0) break;
      const data = carry.length > 0 ? Buffer.concat([carry, chunk.subarray(0, bytesRead)]) : chunk.subarray(0, bytesRead);
      let lineStart = 0;
      for (let newline = data.indexOf(NEWLINE); newline >= 0; newline = data.indexOf(NEWLINE, lineStart)) {
        takeLine(data.subarray(lineStart, newline), carryStart + lineStart);
        lineStart = newline + 1;
      }
      carry = Buffer.from(data.subarray(lineStart));
      carryStart += lineStart;
      position += bytesRead;
    }
    takeLine(carry, carryStart); // a last line with no newline: whole if it decodes, torn if not
  } finally {
    await handle.close();
  }
  return { rows, skippedLines };
}
