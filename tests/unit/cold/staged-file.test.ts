import fs from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readStagedFile } from '../../../sinks/parquet/read-staged-file.ts';
import { encodeStagedRow } from '../../../sinks/parquet/staged-row.ts';
import { makeRow, tempLake } from '../../integration/cold/fixtures.ts';

test('a staged row round-trips, bigint offset included', () => {
  const row = makeRow(3, 9_007_199_254, '2024-03-15T10:30:00Z', { location: null, skills: [] });
  const dir = tempLake();
  const file = path.join(dir, 'p3-1.ndjson');
  fs.writeFileSync(file, `${encodeStagedRow(row)}\n`);
  assert.equal(readStagedFile(file), { rows: [row], skippedLines: 0 });
  fs.rmSync(dir, { recursive: true });
});

test('a torn last line (crash mid-write) is skipped and counted', () => {
  const dir = tempLake();
  const file = path.join(dir, 'p0-10.ndjson');
  const lines = [10, 11, 12].map((offset) => encodeStagedRow(makeRow(0, offset, '2024-03-15T10:00:00Z')));
  const torn = encodeStagedRow(makeRow(0, 13, '2024-03-15T10:00:00Z'));
  fs.writeFileSync(file, `${lines.join('\n')}\n${torn.slice(0, torn.length - 7)}`);
  const content = readStagedFile(file);
  assert.equal(content.rows.map((row) => row.kafka_offset), [10n, 11n, 12n]);
  assert.is(content.skippedLines, 1);
  fs.rmSync(dir, { recursive: true });
});

test('a torn line cut right after a closing brace inside a string still fails to decode', () => {
  const dir = tempLake();
  const file = path.join(dir, 'p0-0.ndjson');
  const line = encodeStagedRow(makeRow(0, 0, '2024-03-15T10:00:00Z', { title: 'a}b' }));
  fs.writeFileSync(file, line.slice(0, line.indexOf('a}') + 2));
  assert.equal(readStagedFile(file), { rows: [], skippedLines: 1 });
  fs.rmSync(dir, { recursive: true });
});

test.run();
