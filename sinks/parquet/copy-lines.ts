/**
 * Writes chosen lines of staging files, in the order given, into one file: each run of lines that
 * sit back to back in the same source is read and written as one piece, so a recovery that keeps a
 * whole file costs a few large reads, not one per row.
 */
import fs from 'node:fs';
import { readFully, writeFully } from './file-io.ts';
import type { LineSpan } from './read-staged-file.ts';

export interface KeptLine extends LineSpan {
  /** Index of the source file in the list given to copyLines. */
  fileIndex: number;
}

const NEWLINE = Buffer.from('\n');
const MAX_RUN_BYTES = 4 * 1024 * 1024;

export async function copyLines(sources: readonly string[], lines: readonly KeptLine[], target: fs.promises.FileHandle): Promise<void> {
  const handles = new Map<number, fs.promises.FileHandle>();
  const source = async (fileIndex: number) => {
    let handle = handles.get(fileIndex);
    if (handle === undefined) handles.set(fileIndex, (handle = await fs.promises.open(sources[fileIndex]!, 'r')));
    return handle;
  };
  try {
    let index = 0;
    while (index < lines.length) {
      const run = lines[index]!;
      let end = run.end;
      let next = index + 1;
      // Lines are separated by one newline, so the next line of the same file starts at end + 1.
      while (next < lines.length && lines[next]!.fileIndex === run.fileIndex && lines[next]!.start === end + 1 && lines[next]!.end - run.start <= MAX_RUN_BYTES) {
        end = lines[next]!.end;
        next += 1;
      }
      const bytes = Buffer.allocUnsafe(end - run.start);
      if (!(await readFully(await source(run.fileIndex), bytes, run.start))) {
        throw new Error(`staging file ${sources[run.fileIndex]} shrank while it was being recovered`);
      }
      await writeFully(target, bytes);
      await writeFully(target, NEWLINE);
      index = next;
    }
  } finally {
    for (const handle of handles.values()) await handle.close().catch(() => undefined);
  }
}
