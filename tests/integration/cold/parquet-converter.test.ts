/** The sealed-file → Parquet conversion on its own: layout, rows, footers, leftovers. */
import fs from 'node:fs';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { EnrichedRow } from '../../../core/enriched-row.ts';
import { createParquetConverter } from '../../../sinks/parquet/create-parquet-converter.ts';
import { lakePaths } from '../../../sinks/parquet/lake-paths.ts';
import { encodeStagedRow } from '../../../sinks/parquet/staged-row.ts';
import { makeRows, tempLake } from './fixtures.ts';

function writeSealed(lake: string, name: string, rows: EnrichedRow[]): string {
  const { staging } = lakePaths(lake);
  fs.mkdirSync(staging, { recursive: true });
  const file = path.join(staging, name);
  fs.writeFileSync(file, `${rows.map(encodeStagedRow).join('\n')}\n`);
  return file;
}

/** 30 rows of three (date, region) groups, interleaved and staged newest first. */
function interleavedRows(regions: readonly [string, string]): EnrichedRow[] {
  const groups = [
    { postedAt: '2024-03-15T10:00:00Z', region: regions[0] },
    { postedAt: '2024-03-15T11:00:00Z', region: regions[1] },
    { postedAt: '2024-03-16T01:00:00Z', region: regions[0] },
  ];
  return Array.from({ length: 30 }, (_, offset) => makeRows(0, offset, offset, groups[offset % 3]!.postedAt, { region: groups[offset % 3]!.region })[0]!).reverse();
}

/** Each file's offsets in file order, its regions, and its footer key/values. */
async function readFile(file: string) {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const quoted = `'${file}'`;
  const rows = (await connection.runAndReadAll(`SELECT kafka_offset::INTEGER, region FROM read_parquet(${quoted}, hive_partitioning = false)`)).getRowsJS();
  const footer = (await connection.runAndReadAll(`SELECT decode(key), decode(value) FROM parquet_kv_metadata(${quoted}) ORDER BY 1`)).getRowsJS();
  connection.closeSync();
  instance.closeSync();
  return { offsets: rows.map((row) => Number(row[0])), regions: [...new Set(rows.map((row) => String(row[1])))], footer: Object.fromEntries(footer) };
}

/** Anything in the lake that is not a Parquet file of the silver tree or the sealed input. */
const leftovers = (lake: string) =>
  (fs.readdirSync(lake, { recursive: true }) as string[]).filter((name) => fs.statSync(path.join(lake, name)).isFile() && !name.endsWith('.parquet') && !name.endsWith('.sealed'));

test('one file per (date, region) in its hive directory, all rows and only theirs in offset order, footer naming partition and range', async () => {
  const lake = tempLake();
  const sealed = writeSealed(lake, 'p0-0-29.sealed', interleavedRows(['uk', 'de']));
  const converter = createParquetConverter(lakePaths(lake), { threads: 1, memoryLimit: '256MB' });
  const files = await converter.convert(sealed, 0, 0, 29);
  converter.close();
  assert.equal(
    files.map((file) => [path.relative(lake, file.path), file.rows]),
    [
      ['silver_job_postings/date=2024-03-15/region=de/p0-0-29.parquet', 10],
      ['silver_job_postings/date=2024-03-15/region=uk/p0-0-29.parquet', 10],
      ['silver_job_postings/date=2024-03-16/region=uk/p0-0-29.parquet', 10],
    ],
  );
  const contents = await Promise.all(files.map((file) => readFile(file.path)));
  assert.equal(
    contents.map((content) => content.offsets),
    [Array.from({ length: 10 }, (_, i) => 3 * i + 1), Array.from({ length: 10 }, (_, i) => 3 * i), Array.from({ length: 10 }, (_, i) => 3 * i + 2)],
  );
  assert.equal(contents.map((content) => content.regions), [['de'], ['uk'], ['uk']]);
  for (const content of contents) assert.equal(content.footer, { pulse_first_offset: '0', pulse_kafka_partition: '0', pulse_last_offset: '29' });
  assert.equal(leftovers(lake), [], 'no temporary file left behind');
  fs.rmSync(lake, { recursive: true });
});

test('a region value a directory name cannot carry as is still lands whole, under its path-safe name', async () => {
  const lake = tempLake();
  const sealed = writeSealed(lake, 'p1-100-129.sealed', interleavedRows(['uk', 'North/East Ü']).map((row, i) => ({ ...row, kafka_partition: 1, kafka_offset: BigInt(129 - i) })));
  const converter = createParquetConverter(lakePaths(lake), { threads: 1, memoryLimit: '256MB' });
  const files = await converter.convert(sealed, 1, 100, 129);
  converter.close();
  const odd = files.find((file) => file.region === 'North/East Ü');
  assert.ok(odd !== undefined);
  assert.is(path.relative(lake, odd.path), 'silver_job_postings/date=2024-03-15/region=north_east__/p1-100-129.parquet');
  const content = await readFile(odd.path);
  assert.equal(content.regions, ['North/East Ü']);
  assert.equal(content.offsets.sort((a, b) => a - b), Array.from({ length: 10 }, (_, i) => 100 + 3 * i + 1));
  assert.is(files.reduce((sum, file) => sum + file.rows, 0), 30);
  assert.equal(leftovers(lake), []);
  fs.rmSync(lake, { recursive: true });
});

test.run();
