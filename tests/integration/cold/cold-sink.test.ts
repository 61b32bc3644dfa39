/** The cold sink against a real filesystem and DuckDB: staging, rotation, conversion, recovery. */
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isPulseError } from '../../../core/errors.ts';
import { waitUntil } from '../../../core/wait-until.ts';
import { createColdSink } from '../../../sinks/parquet/cold-sink.ts';
import { encodeStagedRow } from '../../../sinks/parquet/staged-row.ts';
import { runSql } from '../../../sinks/query/run-sql.ts';
import { makeRows, tempLake } from './fixtures.ts';

const SLOW = { maxStagedAgeMs: 3_600_000, rotateCheckIntervalMs: 60_000 };

function lakeFiles(lake: string): string[] {
  return fs
    .readdirSync(lake, { recursive: true })
    .map(String)
    .filter((name) => !name.endsWith('.owner') && fs.statSync(path.join(lake, name)).isFile())
    .sort();
}

async function offsets(lake: string, partition: number): Promise<number[]> {
  const result = await runSql(lake, `SELECT kafka_offset FROM silver_job_postings WHERE kafka_partition = ${partition} ORDER BY 1`);
  return result.rows.map((row) => Number(row[0]));
}

const range = (first: number, last: number) => Array.from({ length: last - first + 1 }, (_, i) => first + i);

test('stage + close: one Parquet file per (date, region), named by partition and offset range', async () => {
  const lake = tempLake();
  const sink = createColdSink({ lakeDir: lake, ...SLOW });
  await sink.recover(0, -1);
  await sink.stage({ partition: 0, firstOffset: 0, lastOffset: 4, rows: makeRows(0, 0, 4, '2024-03-15T10:30:00Z') });
  await sink.stage({
    partition: 0,
    firstOffset: 5,
    lastOffset: 11, // offset 11 went to the DLQ: no row, but the range covers it
    rows: [...makeRows(0, 5, 7, '2024-03-15T23:59:59Z', { region: 'us' }), ...makeRows(0, 8, 10, '2024-03-16T00:00:00Z')],
  });
  await sink.close();
  assert.equal(lakeFiles(lake), [
    'silver_job_postings/date=2024-03-15/region=uk/p0-0-11.parquet',
    'silver_job_postings/date=2024-03-15/region=us/p0-0-11.parquet',
    'silver_job_postings/date=2024-03-16/region=uk/p0-0-11.parquet',
  ]);
  const counts = await runSql(lake, 'SELECT date::VARCHAR, region, count(*)::INTEGER FROM silver_job_postings GROUP BY ALL ORDER BY ALL');
  assert.equal(counts.rows, [
    ['2024-03-15', 'uk', 5],
    ['2024-03-15', 'us', 3],
    ['2024-03-16', 'uk', 3],
  ]);
  fs.rmSync(lake, { recursive: true });
});

test('columns and types are the documented schema; values survive the trip', async () => {
  const lake = tempLake();
  const sink = createColdSink({ lakeDir: lake, ...SLOW });
  await sink.recover(2, 99);
  await sink.stage({
    partition: 2,
    firstOffset: 100,
    lastOffset: 100,
    rows: makeRows(2, 100, 100, '2024-03-15T10:30:00.123Z', { location: null, late: true, repaired: true, region_area: 'EU', region: 'remote' }),
  });
  await sink.close();
  const described = await runSql(lake, 'SELECT column_name, column_type FROM (DESCRIBE silver_job_postings)');
  assert.equal(described.rows, [
    ['event_id', 'VARCHAR'], ['job_id', 'VARCHAR'], ['posted_at', 'TIMESTAMP'], ['title', 'VARCHAR'], ['company', 'VARCHAR'],
    ['description', 'VARCHAR'], ['location', 'VARCHAR'], ['skills', 'VARCHAR[]'], ['experience_level', 'VARCHAR'], ['region', 'VARCHAR'],
    ['region_area', 'VARCHAR'], ['city', 'VARCHAR'], ['subdivision', 'VARCHAR'], ['is_remote', 'BOOLEAN'], ['source', 'VARCHAR'],
    ['taxonomy_version', 'VARCHAR'], ['late', 'BOOLEAN'], ['repaired', 'BOOLEAN'], ['kafka_partition', 'INTEGER'], ['kafka_offset', 'BIGINT'],
    ['ingested_at', 'TIMESTAMP'], ['date', 'DATE'],
  ]);
  const row = await runSql(lake, "SELECT posted_at::VARCHAR, location, skills, late, repaired, region, region_area, description, date::VARCHAR FROM silver_job_postings");
  assert.equal(row.rows, [
    ['2024-03-15 10:30:00.123', null, ['spark', 'kafka', 'python'], true, true, 'remote', 'EU', 'We need Spark, Kafka and Python. Row 100, "quoted", new\nline and ünïcode.', '2024-03-15'],
  ]);
  fs.rmSync(lake, { recursive: true });
});

test('a second Parquet implementation (arrow-rs via parquet-wasm) reads the files unchanged', async () => {
  const lake = tempLake();
  const sink = createColdSink({ lakeDir: lake, ...SLOW });
  await sink.recover(1, -1);
  await sink.stage({ partition: 1, firstOffset: 0, lastOffset: 9, rows: makeRows(1, 0, 9, '2024-03-15T10:30:00Z') });
  await sink.close();
  const wasm = await import('parquet-wasm');
  const arrow = await import('apache-arrow');
  const file = path.join(lake, 'silver_job_postings/date=2024-03-15/region=uk/p1-0-9.parquet');
  const table = arrow.tableFromIPC(wasm.readParquet(fs.readFileSync(file)).intoIPCStream());
  assert.is(table.numRows, 10);
  assert.is(table.schema.fields.length, 21);
  assert.equal(table.getChild('skills')!.get(0)!.toArray(), ['spark', 'kafka', 'python']);
  assert.is(table.getChild('kafka_offset')!.get(9), 9n);
  const metadata = wasm.readSchema(fs.readFileSync(file)).metadata();
  assert.is(metadata.get('pulse_first_offset'), '0');
  assert.is(metadata.get('pulse_last_offset'), '9');
  fs.rmSync(lake, { recursive: true });
});

test('rotation by row count seals and converts without close()', async () => {
  const lake = tempLake();
  const sink = createColdSink({ lakeDir: lake, ...SLOW, maxStagedRows: 5 });
  await sink.recover(0, -1);
  await sink.stage({ partition: 0, firstOffset: 0, lastOffset: 5, rows: makeRows(0, 0, 5, '2024-03-15T10:00:00Z') });
  await sink.stage({ partition: 0, firstOffset: 6, lastOffset: 7, rows: makeRows(0, 6, 7, '2024-03-15T10:00:00Z') });
  const dir = path.join(lake, 'silver_job_postings/date=2024-03-15/region=uk');
  await waitUntil('the first file to be converted', () => (fs.existsSync(path.join(dir, 'p0-0-5.parquet')) ? true : undefined), { timeoutMs: 20_000 });
  assert.equal(await offsets(lake, 0), range(0, 5));
  await sink.close();
  assert.equal(fs.readdirSync(dir).sort(), ['p0-0-5.parquet', 'p0-6-7.parquet']);
  assert.equal(await offsets(lake, 0), range(0, 7));
  fs.rmSync(lake, { recursive: true });
});

test('rotation by age: a quiet stream still reaches Parquet', async () => {
  const lake = tempLake();
  const sink = createColdSink({ lakeDir: lake, maxStagedAgeMs: 50, rotateCheckIntervalMs: 10 });
  await sink.recover(0, -1);
  await sink.stage({ partition: 0, firstOffset: 0, lastOffset: 2, rows: makeRows(0, 0, 2, '2024-03-15T10:00:00Z') });
  const file = path.join(lake, 'silver_job_postings/date=2024-03-15/region=uk/p0-0-2.parquet');
  await waitUntil('the aged file to be converted', () => (fs.existsSync(file) ? true : undefined), { timeoutMs: 20_000 });
  assert.equal(fs.readdirSync(path.join(lake, '_staging')).filter((name) => !name.endsWith('.owner')), []);
  await sink.close();
  fs.rmSync(lake, { recursive: true });
});

test('recover after a crash: rows above the fence and a torn tail are dropped, the replay is staged once', async () => {
  const lake = tempLake();
  // The crashed process staged offsets 0..9 but Redis applied only up to 6; its last write was torn.
  const staging = path.join(lake, '_staging');
  fs.mkdirSync(staging, { recursive: true });
  const lines = makeRows(0, 0, 9, '2024-03-15T10:00:00Z').map(encodeStagedRow);
  fs.writeFileSync(path.join(staging, 'p0-0.ndjson'), `${lines.join('\n')}\n${lines[9]!.slice(0, 40)}`);
  const sink = createColdSink({ lakeDir: lake, ...SLOW });
  const recovery = await sink.recover(0, 6);
  assert.equal(recovery, { partition: 0, progressOffset: 6, parquetOffset: -1, convertedSealedFiles: 0, keptStagedRows: 7, droppedStagedRows: 3 });
  await sink.stage({ partition: 0, firstOffset: 7, lastOffset: 12, rows: makeRows(0, 7, 12, '2024-03-15T10:00:00Z') });
  await sink.close();
  assert.equal(await offsets(lake, 0), range(0, 12));
  assert.equal(lakeFiles(lake), ['silver_job_postings/date=2024-03-15/region=uk/p0-0-12.parquet']);
  fs.rmSync(lake, { recursive: true });
});

test('recover converts a sealed file left behind, even one half converted, without duplicates', async () => {
  const lake = tempLake();
  const first = createColdSink({ lakeDir: lake, ...SLOW });
  await first.recover(0, -1);
  await first.stage({ partition: 0, firstOffset: 0, lastOffset: 3, rows: [...makeRows(0, 0, 1, '2024-03-15T10:00:00Z'), ...makeRows(0, 2, 3, '2024-03-16T10:00:00Z')] });
  await first.close();
  // Simulate a crash after the first of two renames: put the sealed file back, delete one output.
  const staging = path.join(lake, '_staging');
  fs.writeFileSync(path.join(staging, 'p0-0-3.sealed'), `${[...makeRows(0, 0, 1, '2024-03-15T10:00:00Z'), ...makeRows(0, 2, 3, '2024-03-16T10:00:00Z')].map(encodeStagedRow).join('\n')}\n`);
  fs.rmSync(path.join(lake, 'silver_job_postings/date=2024-03-16/region=uk/p0-0-3.parquet'));
  const second = createColdSink({ lakeDir: lake, ...SLOW });
  const recovery = await second.recover(0, 3);
  assert.is(recovery.convertedSealedFiles, 1);
  assert.is(recovery.progressOffset, 3);
  assert.equal(await offsets(lake, 0), range(0, 3));
  assert.not.ok(fs.existsSync(path.join(staging, 'p0-0-3.sealed')));
  await second.close();
  fs.rmSync(lake, { recursive: true });
});

test('Parquet ahead of the fence (converted before the Redis apply): the replay is skipped, not duplicated', async () => {
  const lake = tempLake();
  const first = createColdSink({ lakeDir: lake, ...SLOW });
  await first.recover(0, -1);
  await first.stage({ partition: 0, firstOffset: 0, lastOffset: 9, rows: makeRows(0, 0, 9, '2024-03-15T10:00:00Z') });
  await first.close();
  const second = createColdSink({ lakeDir: lake, ...SLOW });
  const recovery = await second.recover(0, 4);
  assert.is(recovery.parquetOffset, 9);
  assert.is(recovery.progressOffset, 9);
  await second.stage({ partition: 0, firstOffset: 5, lastOffset: 12, rows: makeRows(0, 5, 12, '2024-03-15T10:00:00Z') });
  await second.close();
  assert.equal(await offsets(lake, 0), range(0, 12));
  assert.equal(fs.readdirSync(path.join(lake, 'silver_job_postings/date=2024-03-15/region=uk')).sort(), ['p0-0-9.parquet', 'p0-10-12.parquet']);
  fs.rmSync(lake, { recursive: true });
});

test('stage() before recover() is a bug and fails loudly; bad options are rejected', async () => {
  const lake = tempLake();
  const sink = createColdSink({ lakeDir: lake, ...SLOW });
  try {
    await sink.stage({ partition: 5, firstOffset: 0, lastOffset: 0, rows: [] });
    assert.unreachable('stage should throw');
  } catch (error) {
    assert.ok(isPulseError(error) && error.code === 'INTERNAL', String(error));
  }
  await sink.close();
  for (const bad of [{ maxStagedRows: 0 }, { maxStagedAgeMs: 1.5 }, { bogus: 1 }, { rotateCheckIntervalMs: 5000, maxStagedAgeMs: 1000 }]) {
    try {
      createColdSink({ lakeDir: lake, ...bad } as never);
      assert.unreachable(`accepted ${JSON.stringify(bad)}`);
    } catch (error) {
      assert.ok(isPulseError(error) && error.code === 'CONFIG_INVALID', String(error));
    }
  }
  fs.rmSync(lake, { recursive: true });
});

test('a partition claimed by another sink: the former owner seals nothing, stages nothing, and may claim it back', async () => {
  const lake = tempLake();
  const former = createColdSink({ lakeDir: lake, maxStagedAgeMs: 200, rotateCheckIntervalMs: 50 });
  const next = createColdSink({ lakeDir: lake, ...SLOW });
  const lostError = async (stage: Promise<void>) => {
    try {
      await stage;
      return 'staged';
    } catch (error) {
      return isPulseError(error) ? error.code : String(error);
    }
  };
  await former.recover(1, -1);
  await former.stage({ partition: 1, firstOffset: 0, lastOffset: 9, rows: makeRows(1, 0, 9, '2024-03-15T10:30:00Z') });
  await next.recover(1, 9); // the former owner's rows were applied up to 9: the next owner keeps them
  await new Promise((resolve) => setTimeout(resolve, 400)); // the former owner's age rotation finds the marker gone
  assert.is(await lostError(former.stage({ partition: 1, firstOffset: 10, lastOffset: 12, rows: makeRows(1, 10, 12, '2024-03-15T10:31:00Z') })), 'PARTITION_LOST');
  await next.stage({ partition: 1, firstOffset: 10, lastOffset: 14, rows: makeRows(1, 10, 14, '2024-03-15T10:31:00Z') });
  await next.close();
  assert.equal(await offsets(lake, 1), range(0, 14));
  await former.recover(1, 14); // claimed back after a rebalance: staging works again
  await former.stage({ partition: 1, firstOffset: 15, lastOffset: 15, rows: makeRows(1, 15, 15, '2024-03-15T10:32:00Z') });
  await former.close();
  assert.equal(await offsets(lake, 1), range(0, 15));
  fs.rmSync(lake, { recursive: true });
});

test("a former owner's late seal (its marker check passed just before the claim) cannot move the new owner's file", async () => {
  const lake = tempLake();
  const staging = path.join(lake, '_staging');
  const former = createColdSink({ lakeDir: lake, ...SLOW });
  const next = createColdSink({ lakeDir: lake, ...SLOW });
  await former.recover(3, -1);
  await former.stage({ partition: 3, firstOffset: 0, lastOffset: 9, rows: makeRows(3, 0, 9, '2024-03-15T10:30:00Z') });
  const [formerFile] = fs.readdirSync(staging).filter((name) => name.endsWith('.ndjson'));
  await next.recover(3, 9);
  // What the former owner's seal does after its check: rename its open file, by name, to sealed.
  // The next owner's file never has that name, so the rename finds nothing to move.
  let moved = true;
  try {
    fs.renameSync(path.join(staging, formerFile!), path.join(staging, 'p3-0-9.sealed'));
  } catch (error) {
    moved = (error as NodeJS.ErrnoException).code !== 'ENOENT';
  }
  assert.is(moved, false, 'the former owner renamed a file the next owner writes');
  await next.stage({ partition: 3, firstOffset: 10, lastOffset: 19, rows: makeRows(3, 10, 19, '2024-03-15T10:31:00Z') });
  await next.close();
  await former.close();
  assert.equal(await offsets(lake, 3), range(0, 19));
  fs.rmSync(lake, { recursive: true });
});

test.run();
