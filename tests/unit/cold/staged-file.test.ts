import fs from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { EnrichedRow } from '../../../core/enriched-row.ts';
import { copyLines } from '../../../sinks/parquet/copy-lines.ts';
import { type LineSpan, scanStagedFile } from '../../../sinks/parquet/read-staged-file.ts';
import { decodeStagedRow, encodeStagedRow } from '../../../sinks/parquet/staged-row.ts';
import { makeRow, tempLake } from '../../integration/cold/fixtures.ts';

async function scan(file: string, chunkBytes?: number) {
  const rows: EnrichedRow[] = [];
  const spans: LineSpan[] = [];
  const { rows: count, skippedLines } = await scanStagedFile(file, (row, span) => (rows.push(row), spans.push(span)), chunkBytes);
  assert.is(count, rows.length);
  return { rows, spans, skippedLines };
}

test('a staged row round-trips, bigint offset included', async () => {
  const row = makeRow(3, 9_007_199_254, '2024-03-15T10:30:00Z', { location: null, skills: [] });
  const dir = tempLake();
  const file = path.join(dir, 'p3-1.ndjson');
  fs.writeFileSync(file, `${encodeStagedRow(row)}\n`);
  assert.equal((await scan(file)).rows, [row]);
  fs.rmSync(dir, { recursive: true });
});

test('lines that straddle read chunks come out whole, with the byte span of each line', async () => {
  const dir = tempLake();
  const file = path.join(dir, 'p0-0.ndjson');
  const rows = Array.from({ length: 40 }, (_, offset) => makeRow(0, offset, '2024-03-15T10:00:00Z', { description: `é ${'x'.repeat(offset * 7)} 🚀` }));
  fs.writeFileSync(file, rows.map((row) => `${encodeStagedRow(row)}\n`).join(''));
  const bytes = fs.readFileSync(file);
  for (const chunkBytes of [64, 333, 4096, 1 << 20]) {
    const result = await scan(file, chunkBytes);
    assert.equal(result.rows, rows, `chunks of ${chunkBytes}`);
    assert.is(result.skippedLines, 0);
    assert.equal(result.spans.map((span) => decodeStagedRow(bytes.subarray(span.start, span.end).toString('utf8'))), rows, `spans with chunks of ${chunkBytes}`);
  }
  fs.rmSync(dir, { recursive: true });
});

test('a torn last line (crash mid-write) is skipped and counted; a whole last line without its newline is kept', async () => {
  const dir = tempLake();
  const file = path.join(dir, 'p0-10.ndjson');
  const lines = [10, 11, 12].map((offset) => encodeStagedRow(makeRow(0, offset, '2024-03-15T10:00:00Z')));
  const torn = encodeStagedRow(makeRow(0, 13, '2024-03-15T10:00:00Z'));
  fs.writeFileSync(file, `${lines.join('\n')}\n${torn.slice(0, torn.length - 7)}`);
  const content = await scan(file, 100);
  assert.equal(content.rows.map((row) => row.kafka_offset), [10n, 11n, 12n]);
  assert.is(content.skippedLines, 1);
  fs.writeFileSync(file, `${lines.join('\n')}\n${torn}`);
  assert.equal((await scan(file, 100)).rows.map((row) => row.kafka_offset), [10n, 11n, 12n, 13n]);
  fs.rmSync(dir, { recursive: true });
});

test('a torn line cut right after a closing brace inside a string still fails to decode', async () => {
  const dir = tempLake();
  const file = path.join(dir, 'p0-0.ndjson');
  const line = encodeStagedRow(makeRow(0, 0, '2024-03-15T10:00:00Z', { title: 'a}b' }));
  fs.writeFileSync(file, line.slice(0, line.indexOf('a}') + 2));
  const content = await scan(file);
  assert.equal(content.rows, []);
  assert.is(content.skippedLines, 1);
  fs.rmSync(dir, { recursive: true });
});

test('copyLines writes the chosen lines of several files in the order given, byte for byte', async () => {
  const dir = tempLake();
  const rowsOf = (offsets: number[]) => offsets.map((offset) => makeRow(0, offset, '2024-03-15T10:00:00Z', { title: `row ${offset}` }));
  const files = [path.join(dir, 'a.ndjson'), path.join(dir, 'b.ndjson')];
  fs.writeFileSync(files[0]!, rowsOf([1, 2, 3, 4]).map((row) => `${encodeStagedRow(row)}\n`).join(''));
  fs.writeFileSync(files[1]!, rowsOf([3, 4, 5]).map((row) => `${encodeStagedRow(row)}\n`).join(''));
  const kept = new Map<number, { fileIndex: number } & LineSpan>();
  for (const [fileIndex, file] of files.entries()) await scanStagedFile(file, (row, span) => kept.set(Number(row.kafka_offset), { fileIndex, ...span }));
  const target = path.join(dir, 'out.ndjson');
  const handle = await fs.promises.open(target, 'w');
  await copyLines(files, [...kept.entries()].sort(([a], [b]) => a - b).map(([, line]) => line), handle);
  await handle.close();
  assert.is(fs.readFileSync(target, 'utf8'), rowsOf([1, 2, 3, 4, 5]).map((row) => `${encodeStagedRow(row)}\n`).join(''));
  // Lines of one file taken out of file order: no run may take in the line between them.
  const shuffled = path.join(dir, 'c.ndjson');
  fs.writeFileSync(shuffled, rowsOf([1, 5, 2]).map((row) => `${encodeStagedRow(row)}\n`).join(''));
  const spans: Array<{ fileIndex: number; offset: number } & LineSpan> = [];
  await scanStagedFile(shuffled, (row, span) => spans.push({ fileIndex: 0, offset: Number(row.kafka_offset), ...span }));
  const reordered = await fs.promises.open(target, 'w');
  await copyLines([shuffled], spans.sort((a, b) => a.offset - b.offset), reordered);
  await reordered.close();
  assert.is(fs.readFileSync(target, 'utf8'), rowsOf([1, 2, 5]).map((row) => `${encodeStagedRow(row)}\n`).join(''));
  fs.rmSync(dir, { recursive: true });
});

test.run();
