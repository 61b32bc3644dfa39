/** Compaction against real files: exact rows, duplicates removed, never double-visible, guards hold. */
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { EnrichedRow } from '../../../core/enriched-row.ts';
import { isPulseError } from '../../../core/errors.ts';
import { createColdSink } from '../../../sinks/parquet/cold-sink.ts';
import { compactLake } from '../../../sinks/parquet/compact-lake.ts';
import { runSql } from '../../../sinks/query/run-sql.ts';
import { makeRows, tempLake } from './fixtures.ts';

const NOW = Date.parse('2024-03-20T12:00:00Z');
const UK_15 = 'silver_job_postings/date=2024-03-15/region=uk';

/** Stages each batch and flushes it, so every batch becomes its own small file. */
async function lakeWith(batches: Array<{ partition: number; first: number; last: number; rows: EnrichedRow[] }>): Promise<string> {
  const lake = tempLake();
  const sink = createColdSink({ lakeDir: lake, maxStagedAgeMs: 3_600_000, rotateCheckIntervalMs: 60_000 });
  for (const partition of new Set(batches.map((b) => b.partition))) await sink.recover(partition, -1);
  for (const batch of batches) {
    await sink.stage({ partition: batch.partition, firstOffset: batch.first, lastOffset: batch.last, rows: batch.rows });
    await sink.flush();
  }
  await sink.close();
  return lake;
}

const batch = (partition: number, first: number, last: number, postedAt = '2024-03-15T10:00:00Z', extra: EnrichedRow[] = []) => ({
  partition,
  first,
  last,
  rows: [...makeRows(partition, first, last, postedAt), ...extra],
});

async function count(lake: string): Promise<number> {
  return Number((await runSql(lake, 'SELECT count(*) FROM silver_job_postings')).rows[0]![0]);
}

test('merges each closed directory per Kafka partition, removes duplicate event_ids keeping the earliest offset', async () => {
  const duplicate = makeRows(0, 25, 25, '2024-03-15T10:00:00Z', { event_id: 'evt-0-3', late: true })[0]!;
  const lake = await lakeWith([
    batch(0, 0, 9),
    batch(0, 10, 19),
    { partition: 0, first: 20, last: 29, rows: [...makeRows(0, 20, 24, '2024-03-15T10:00:00Z'), duplicate, ...makeRows(0, 26, 29, '2024-03-15T10:00:00Z')] },
    batch(1, 0, 4),
    batch(1, 5, 9),
    batch(0, 30, 34, '2024-03-20T09:00:00Z'), // today: open, not compacted
  ]);
  assert.is(await count(lake), 45);
  const report = await compactLake({ lakeDir: lake, nowMs: NOW });
  assert.equal(report, { mergedGroups: 2, filesMerged: 5, rowsIn: 40, rowsOut: 39, duplicatesRemoved: 1, filesDeleted: 5 });
  assert.equal(fs.readdirSync(path.join(lake, UK_15)).sort(), ['c-p0-0-29.parquet', 'c-p1-0-9.parquet']);
  assert.equal(fs.readdirSync(path.join(lake, 'silver_job_postings/date=2024-03-20/region=uk')), ['p0-30-34.parquet']);
  assert.is(await count(lake), 44);
  const kept = await runSql(lake, "SELECT kafka_offset FROM silver_job_postings WHERE event_id = 'evt-0-3'");
  assert.equal(kept.rows, [[3]]);
  // A second run finds nothing more to do.
  assert.equal(await compactLake({ lakeDir: lake, nowMs: NOW }), { mergedGroups: 0, filesMerged: 0, rowsIn: 0, rowsOut: 0, duplicatesRemoved: 0, filesDeleted: 0 });
  fs.rmSync(lake, { recursive: true });
});

test('a lone file is rewritten only when it repeats an event_id', async () => {
  const duplicate = makeRows(0, 9, 9, '2024-03-15T10:00:00Z', { event_id: 'evt-0-2', late: true })[0]!;
  const lake = await lakeWith([{ partition: 0, first: 0, last: 9, rows: [...makeRows(0, 0, 8, '2024-03-15T10:00:00Z'), duplicate] }, batch(1, 0, 4)]);
  const report = await compactLake({ lakeDir: lake, nowMs: NOW });
  assert.equal(report, { mergedGroups: 1, filesMerged: 1, rowsIn: 10, rowsOut: 9, duplicatesRemoved: 1, filesDeleted: 1 });
  assert.equal(fs.readdirSync(path.join(lake, UK_15)).sort(), ['c-p0-0-9.parquet', 'p1-0-4.parquet']);
  assert.is(await count(lake), 14);
  fs.rmSync(lake, { recursive: true });
});

test('new files after compaction merge into a larger compacted file that hides the old one', async () => {
  const lake = await lakeWith([batch(0, 0, 9), batch(0, 10, 19)]);
  await compactLake({ lakeDir: lake, nowMs: NOW });
  const sink = createColdSink({ lakeDir: lake, maxStagedAgeMs: 3_600_000, rotateCheckIntervalMs: 60_000 });
  const recovery = await sink.recover(0, 19);
  assert.is(recovery.parquetOffset, 19);
  await sink.stage({ partition: 0, firstOffset: 20, lastOffset: 24, rows: makeRows(0, 20, 24, '2024-03-15T11:00:00Z') }); // late rows, closed date
  await sink.close();
  assert.equal(fs.readdirSync(path.join(lake, UK_15)).sort(), ['c-p0-0-19.parquet', 'p0-20-24.parquet']);
  assert.is(await count(lake), 25);
  const report = await compactLake({ lakeDir: lake, nowMs: NOW });
  assert.is(report.rowsOut, 25);
  assert.equal(fs.readdirSync(path.join(lake, UK_15)), ['c-p0-0-24.parquet']);
  assert.is(await count(lake), 25);
  fs.rmSync(lake, { recursive: true });
});

test('a covered file left behind (crash between rename and delete, or a replay) is hidden, then removed', async () => {
  const lake = await lakeWith([batch(0, 0, 9), batch(0, 10, 19)]);
  const small = path.join(lake, UK_15, 'p0-0-9.parquet');
  const saved = fs.readFileSync(small);
  await compactLake({ lakeDir: lake, nowMs: NOW });
  fs.writeFileSync(small, saved);
  assert.is(await count(lake), 20);
  const report = await compactLake({ lakeDir: lake, nowMs: NOW });
  assert.is(report.filesDeleted, 1);
  assert.equal(fs.readdirSync(path.join(lake, UK_15)), ['c-p0-0-19.parquet']);
  fs.rmSync(lake, { recursive: true });
});

test('files at or above a staging file of their partition are not merged (their range may still grow)', async () => {
  const lake = await lakeWith([batch(0, 0, 9), batch(0, 10, 19), batch(0, 20, 29)]);
  fs.writeFileSync(path.join(lake, '_staging', 'p0-15-40.sealed'), ''); // e.g. a sealed file not yet converted
  const report = await compactLake({ lakeDir: lake, nowMs: NOW });
  assert.is(report.filesMerged, 0); // only p0-0-9 is below 15: one file, nothing to merge
  fs.writeFileSync(path.join(lake, '_staging', 'p0-15-40.sealed'), '');
  fs.renameSync(path.join(lake, '_staging', 'p0-15-40.sealed'), path.join(lake, '_staging', 'p0-25-40.sealed'));
  const second = await compactLake({ lakeDir: lake, nowMs: NOW });
  assert.is(second.filesMerged, 2);
  assert.equal(fs.readdirSync(path.join(lake, UK_15)).sort(), ['c-p0-0-19.parquet', 'p0-20-29.parquet']);
  assert.is(await count(lake), 30);
  fs.rmSync(lake, { recursive: true });
});

test('readers querying during compaction always see every row exactly once', async () => {
  const batches = Array.from({ length: 12 }, (_, i) => batch(i % 2, Math.floor(i / 2) * 10, Math.floor(i / 2) * 10 + 9));
  const lake = await lakeWith(batches);
  let done = false;
  const compaction = compactLake({ lakeDir: lake, nowMs: NOW }).finally(() => (done = true));
  const seen: number[] = [];
  while (!done) seen.push(await count(lake));
  seen.push(await count(lake));
  await compaction;
  assert.ok(seen.length >= 2);
  assert.equal([...new Set(seen)], [120]);
  fs.rmSync(lake, { recursive: true });
});

test('--min-age compacts any date by file age; a running compaction holds the lock', async () => {
  const lake = await lakeWith([batch(0, 0, 4, '2024-03-20T09:00:00Z'), batch(0, 5, 9, '2024-03-20T09:00:00Z')]);
  assert.is((await compactLake({ lakeDir: lake, nowMs: NOW })).filesMerged, 0);
  assert.is((await compactLake({ lakeDir: lake, nowMs: Date.now() + 60_000, minFileAgeMs: 30_000 })).filesMerged, 2);
  fs.writeFileSync(path.join(lake, '_compact.lock'), String(process.pid));
  try {
    await compactLake({ lakeDir: lake, nowMs: NOW });
    assert.unreachable('the lock was ignored');
  } catch (error) {
    assert.ok(isPulseError(error) && /another compaction/.test(error.message), String(error));
  }
  fs.rmSync(lake, { recursive: true });
});

test.run();
