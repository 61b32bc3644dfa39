/**
 * The cold sink's conversion of one sealed staging file into its (date, region) Parquet files:
 * the sink's converter (one COPY + fsync + rename per file, each file a run of rowids of the sorted
 * table) against the converter it replaced (each file filtered from the whole table and sorted) and
 * a candidate (partitioned COPYs into a temporary directory, then fsync + rename per file), side by
 * side, interleaved.
 * Three staging files: a live stream's (rows over 2 dates), a full one (the sink's 250,000-row /
 * 128 MiB seal limit is reached near 65,000 rows of ~2 KB) and a backfill's (rows over 30 dates).
 * Each conversion runs in a fresh child process, so its peak RSS is its own.
 *
 *   node --import tsx benchmarks/parquet-conversion.ts [--rows 16000] [--runs 5] [--regions 47]
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import type { EnrichedRow } from '../core/enriched-row.ts';
import { REPO_ROOT } from '../core/config.ts';
import { createParquetConverter, footerMetadataSql } from '../sinks/parquet/create-parquet-converter.ts';
import { durableFs } from '../sinks/parquet/durable-fs.ts';
import { fileNames } from '../sinks/parquet/file-names.ts';
import { type LakePaths, lakePaths } from '../sinks/parquet/lake-paths.ts';
import { SILVER_COLUMNS, STAGED_DATE_SQL, STAGED_TO_SILVER, readStagedSql, sqlString } from '../sinks/parquet/silver-schema.ts';
import { encodeStagedRow } from '../sinks/parquet/staged-row.ts';
import { argument, helpIfAsked } from './lib/argument.ts';
import { machineInfo, packageVersion } from './lib/machine-info.ts';
import { summarize } from './lib/stats.ts';
import { syntheticRows } from './parquet-writers.ts';

helpIfAsked(
  'Usage: node --import tsx benchmarks/parquet-conversion.ts [--rows 16000] [--runs 5] [--regions 47]\n\n' +
    'Converts one sealed staging file of --rows rows (spread over --regions regions) both ways, --runs times each,\n' +
    'and writes benchmarks/results/parquet-conversion.md.',
);

const ROWS = argument('--rows', 16_000);
const RUNS = argument('--runs', 5);
const REGION_COUNT = argument('--regions', 47);
const DAY_MS = 86_400_000;
const SCENARIOS = [
  { name: 'live stream (2 dates)', dates: 2, rows: ROWS },
  { name: 'full staging file (2 dates)', dates: 2, rows: 65_000 },
  { name: 'backfill (30 dates)', dates: 30, rows: ROWS },
] as const;

interface Converter {
  convert(sealedPath: string, partition: number, first: number, last: number): Promise<unknown[]>;
  close(): void;
}

/** An in-memory DuckDB connection opened once, and its closing. */
function duckdbSession(settings: Record<string, string>) {
  const ready = DuckDBInstance.create(':memory:', settings).then(async (instance) => ({ instance, connection: await instance.connect() }));
  return {
    ready,
    close(): void {
      void ready.then(({ instance, connection }) => {
        connection.closeSync();
        instance.closeSync();
      });
    },
  };
}

/** Groups per partitioned COPY: all 1,410 of the backfill file in one COPY ran out of DuckDB's 1 GB. */
const MAX_GROUPS_PER_COPY = 128;

/**
 * The candidate measured against the sink's converter: every (date, region) group of the sealed file
 * written by partitioned COPYs (up to 128 groups each) into a temporary directory, then each file
 * fsynced and renamed into its hive directory. Rows come out mostly, not always, in offset order.
 */
function partitionedConverter(paths: LakePaths): Converter {
  const session = duckdbSession({ threads: '1', memory_limit: '1GB', partitioned_write_max_open_files: String(MAX_GROUPS_PER_COPY) });
  const columns = SILVER_COLUMNS.map(([name]) => name).join(', ');
  return {
    async convert(sealedPath, partition, first, last) {
      const { connection } = await session.ready;
      await connection.run(`CREATE OR REPLACE TEMP TABLE staged AS SELECT ${STAGED_DATE_SQL} AS date, ${STAGED_TO_SILVER} FROM ${readStagedSql([sealedPath])}`);
      const groups = (await connection.runAndReadAll('SELECT date, region FROM staged GROUP BY ALL ORDER BY ALL')).getRowsJS().map((row) => row.map(String));
      const name = fileNames.batch(partition, first, last);
      const tempDir = path.join(paths.staging, `.convert-${process.pid}`);
      fs.mkdirSync(tempDir);
      const key = ([date, region]: string[]) => sqlString(`${date}/${region}`);
      for (let start = 0; start < groups.length; start += MAX_GROUPS_PER_COPY) {
        const members = groups.slice(start, start + MAX_GROUPS_PER_COPY);
        const where = groups.length <= MAX_GROUPS_PER_COPY ? '' : `WHERE date || '/' || region BETWEEN ${key(members[0]!)} AND ${key(members.at(-1)!)}`;
        await connection.run(
          `COPY (SELECT date, region AS r, ${columns} FROM staged ${where} ORDER BY date, region, kafka_offset) TO ${sqlString(path.join(tempDir, String(start)))} ` +
            `(FORMAT parquet, COMPRESSION zstd, ${footerMetadataSql(partition, first, last)}, PARTITION_BY (date, r), FILENAME_PATTERN 'part_{i}')`,
        );
        for (const [date, region] of members) {
          const temp = path.join(tempDir, String(start), `date=${date}`, `r=${region}`, 'part_0.parquet');
          await durableFs.fsyncPath(temp);
          const dir = paths.partitionDir(date!, region!);
          await fs.promises.mkdir(dir, { recursive: true });
          await fs.promises.rename(temp, path.join(dir, name));
          await durableFs.fsyncDir(dir);
        }
      }
      fs.rmSync(tempDir, { recursive: true });
      await connection.run('DROP TABLE staged');
      return groups;
    },
    close: session.close,
  };
}

/** The sink's converter until 2026-11-25: each file's COPY filters the whole table and sorts its rows. */
function filteredConverter(paths: LakePaths): Converter {
  const session = duckdbSession({ threads: '1', memory_limit: '1GB' });
  const columns = SILVER_COLUMNS.map(([name]) => name).join(', ');
  return {
    async convert(sealedPath, partition, first, last) {
      const { connection } = await session.ready;
      await connection.run(`CREATE OR REPLACE TEMP TABLE staged AS SELECT ${STAGED_DATE_SQL} AS date, ${STAGED_TO_SILVER} FROM ${readStagedSql([sealedPath])} ORDER BY date, region, kafka_offset`);
      const groups = (await connection.runAndReadAll('SELECT date, region FROM staged GROUP BY ALL ORDER BY ALL')).getRowsJS().map((row) => row.map(String));
      const name = fileNames.batch(partition, first, last);
      for (const [date, region] of groups) {
        const dir = paths.partitionDir(date!, region!);
        await fs.promises.mkdir(dir, { recursive: true });
        const temp = path.join(dir, fileNames.temp(name));
        await connection.run(
          `COPY (SELECT ${columns} FROM staged WHERE date = ${sqlString(date!)} AND region = ${sqlString(region!)} ORDER BY kafka_offset) ` +
            `TO ${sqlString(temp)} (FORMAT parquet, COMPRESSION zstd, ${footerMetadataSql(partition, first, last)})`,
        );
        await durableFs.fsyncPath(temp);
        await durableFs.rename(temp, path.join(dir, name));
      }
      await connection.run('DROP TABLE staged');
      return groups;
    },
    close: session.close,
  };
}

function stagedRows(dates: number, rows: number): EnrichedRow[] {
  const start = Date.UTC(2024, 2, 15);
  return syntheticRows(rows).map((row, i) => ({
    ...row,
    region: `r${String(i % REGION_COUNT).padStart(2, '0')}`,
    posted_at_ms: start + (i % dates) * DAY_MS + (i % 86_400) * 1000,
    kafka_offset: BigInt(i),
  }));
}

interface Measured {
  files: number;
  wallUs: number;
  cpuUs: number;
  /** Peak RSS of the child process that converted (maxRSS), MB. */
  peakMb: number;
}

const CANDIDATES = {
  converter: { label: 'one COPY per file, a rowid run each (the sink\'s converter)', make: (paths: LakePaths) => createParquetConverter(paths, { threads: 1, memoryLimit: '1GB' }) },
  filtered: { label: 'one COPY per file, filtered and sorted (the converter before)', make: filteredConverter },
  partitioned: { label: 'partitioned COPYs (candidate)', make: partitionedConverter },
} as const;
type CandidateName = keyof typeof CANDIDATES;

/** In a child: one conversion in a fresh lake (on the repository's disk, so fsync costs what it costs there). */
async function convertOnce(candidate: CandidateName, staged: string, rows: number): Promise<Measured> {
  const lake = fs.mkdtempSync(path.join(REPO_ROOT, '.cache', 'bench-conversion-'));
  try {
    const paths = lakePaths(lake);
    fs.mkdirSync(paths.staging, { recursive: true });
    const sealed = path.join(paths.staging, fileNames.sealed(0, 0, rows - 1));
    fs.copyFileSync(staged, sealed);
    const converter = CANDIDATES[candidate].make(paths);
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const files = await converter.convert(sealed, 0, 0, rows - 1);
    const wallUs = ((performance.now() - started) * 1000) / rows;
    const cpu = process.cpuUsage(cpuBefore);
    converter.close();
    return { files: files.length, wallUs, cpuUs: (cpu.user + cpu.system) / rows, peakMb: process.resourceUsage().maxRSS / 1024 };
  } finally {
    fs.rmSync(lake, { recursive: true, force: true });
  }
}

const CHILD_FLAG = '--conversion-child';
const childAt = process.argv.indexOf(CHILD_FLAG);
if (childAt >= 0) {
  const [candidate, staged, rows] = process.argv.slice(childAt + 1);
  process.stdout.write(JSON.stringify(await convertOnce(candidate as CandidateName, staged!, Number(rows))));
  process.exit(0);
}

function measure(candidate: CandidateName, staged: string, rows: number): Measured {
  const output = execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), CHILD_FLAG, candidate, staged, String(rows)], { cwd: REPO_ROOT, encoding: 'utf8' });
  return JSON.parse(output) as Measured;
}

const format = (value: number) => value.toFixed(1);
const lines: string[] = [];
fs.mkdirSync(path.join(REPO_ROOT, '.cache'), { recursive: true });
for (const scenario of SCENARIOS) {
  const staged = path.join(os.tmpdir(), `pulse-conversion-${process.pid}.ndjson`);
  fs.writeFileSync(staged, `${stagedRows(scenario.dates, scenario.rows).map(encodeStagedRow).join('\n')}\n`);
  const megabytes = fs.statSync(staged).size / 2 ** 20;
  const results: Record<CandidateName, Measured[]> = { converter: [], filtered: [], partitioned: [] };
  for (let run = 1; run <= RUNS; run += 1) {
    for (const name of Object.keys(CANDIDATES) as CandidateName[]) {
      const measured = measure(name, staged, scenario.rows);
      results[name].push(measured);
      process.stderr.write(
        `${scenario.name}, run ${run}/${RUNS}, ${CANDIDATES[name].label}: ${measured.files} files, ${format(measured.wallUs)} µs/row wall, ` +
          `${format(measured.cpuUs)} µs/row CPU, peak RSS ${measured.peakMb.toFixed(0)} MB\n`,
      );
    }
  }
  fs.rmSync(staged, { force: true });
  lines.push(`### ${scenario.name}: ${results.converter[0]!.files} files from ${scenario.rows.toLocaleString('en-US')} rows (${megabytes.toFixed(0)} MB staged)`, '');
  lines.push(
    '| converter | µs/row wall, median (min–max) | µs/row CPU, median (min–max) | rows/s (median wall) | peak RSS MB, median (min–max) |',
    '|---|---:|---:|---:|---:|',
  );
  const medians = {} as Record<CandidateName, { wall: number; cpu: number; peak: number }>;
  for (const name of Object.keys(CANDIDATES) as CandidateName[]) {
    const wall = summarize(results[name].map((m) => m.wallUs));
    const cpu = summarize(results[name].map((m) => m.cpuUs));
    const peak = summarize(results[name].map((m) => m.peakMb));
    medians[name] = { wall: wall.median, cpu: cpu.median, peak: peak.median };
    lines.push(
      `| ${CANDIDATES[name].label} | ${format(wall.median)} (${format(wall.min)}–${format(wall.max)}) | ${format(cpu.median)} (${format(cpu.min)}–${format(cpu.max)}) | ` +
        `${Math.round(1e6 / wall.median).toLocaleString('en-US')} | ${peak.median.toFixed(0)} (${peak.min.toFixed(0)}–${peak.max.toFixed(0)}) |`,
    );
  }
  const { converter, filtered, partitioned } = medians;
  const ratios = (other: { wall: number; cpu: number; peak: number }) =>
    `wall ${(other.wall / converter.wall).toFixed(2)}×, CPU ${(other.cpu / converter.cpu).toFixed(2)}×, peak RSS ${(other.peak / converter.peak).toFixed(2)}×`;
  lines.push('', `Against the sink's converter: the converter before ${ratios(filtered)}; the partitioned COPYs ${ratios(partitioned)}.`, '');
}

const machine = machineInfo();

const report = [
  '# Parquet conversion of one sealed staging file',
  '',
  'Command:',
  '',
  '```',
  `node --import tsx benchmarks/parquet-conversion.ts --rows ${ROWS} --runs ${RUNS} --regions ${REGION_COUNT}`,
  '```',
  '',
  `Machine: ${machine.cpuModel} (${machine.cores} cores, ${machine.ramGiB} GiB RAM), ${machine.os}, Node ${process.version}; load average at the end ${machine.loadAverage.join(' / ')}.`,
  `Versions: @duckdb/node-api ${packageVersion('@duckdb/node-api')}.`,
  '',
  'The job is the cold sink\'s background step: a sealed NDJSON staging file (seeded synthetic postings,',
  `~1.8 KB descriptions, ${REGION_COUNT} regions) becomes one zstd Parquet file per (date, region), each`,
  'fsynced and renamed into its hive directory. Each conversion runs in a fresh child process with one',
  'DuckDB thread and a 1 GB DuckDB memory limit (the sink\'s defaults), the three ways interleaved run by',
  'run; CPU is the child\'s user + system time (DuckDB\'s thread included) per row; peak RSS its maxRSS.',
  '',
  ...lines,
  '## Reading it',
  '',
  '- **The sink\'s converter reads each file\'s rows as one run of rowids** of the sorted table; the',
  '  converter before filtered the whole table for every file and sorted each file\'s rows again. Same',
  '  memory, less CPU: the converter before needed 1.1–1.2× the CPU in every case of two runs of this',
  '  bench. End to end at flat-out replay the change did not move the rate (`pulse bench --only',
  '  e2e --processes 1 --clients kafkajs`, alternating the two builds: 17,750 / 17,286 events/s with it,',
  '  17,635 / 17,369 without): the conversion runs on the second core while the processor\'s JavaScript',
  '  thread is the limit, so what it saves is CPU left to the broker, Redis or a second processor.',
  '- Alone, the partitioned COPYs convert faster for a live file and most of all for a backfill, where',
  '  nearly all of the cost is per file (a statement, a file, its footer, an fsync); they also hold',
  '  more memory while they run (the peak RSS of the full staging file).',
  '- **End to end they lost, so the sink does not use them.** The processor ran them for a while: the',
  '  pipeline bench (`pulse bench --only e2e --processes 1 --clients kafkajs`), alternating the two',
  '  builds on one machine, gave 16,322 / 16,573 / 16,780 / 16,913 events/s with the partitioned COPYs',
  '  against 17,606 / 16,810 / 17,480 / 17,105 with a COPY per file (medians 16,677 vs 17,293: -3.6%;',
  '  measured against the converter before, which filtered and sorted per file),',
  '  and the processor spent 64.7-68.4 µs of CPU per record against 59.4-60.7. At flat-out replay a',
  '  staging file seals full (128 MiB, about 55,000 rows a partition), the case where the candidate',
  '  gains least alone and needs most memory; where the extra CPU went is not established.',
  '- Backfills stay the case this could help (the backfill table); larger staging files (`--cold-max-rows`) and',
  '  `pulse compact` are the levers in use. In one COPY, 1,410 open files ran DuckDB out of its 1 GB',
  '  limit, hence runs of at most 128 groups.',
  '',
].join('\n');
fs.writeFileSync(path.join(REPO_ROOT, 'benchmarks', 'results', 'parquet-conversion.md'), report);
process.stdout.write(report);
