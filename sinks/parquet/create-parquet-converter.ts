/**
 * Turns one sealed staging file into Parquet: one file per (date, region) present. DuckDB reads the
 * NDJSON and writes every file in one partitioned COPY into a private temporary directory; each file
 * is then fsynced and renamed to its deterministic name in its hive directory. DuckDB does this in
 * native code on its own thread (benchmarks/results/parquet-writers.md: 4.6× the next writer, and
 * the event loop stays free for the hot path).
 */
import fs from 'node:fs';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { crashPoint } from '../../core/crash-points.ts';
import { isProcessAlive } from '../../core/process-alive.ts';
import { durableFs } from './durable-fs.ts';
import { fileNames } from './file-names.ts';
import type { LakePaths } from './lake-paths.ts';
import { SILVER_COLUMNS, STAGED_DATE_SQL, STAGED_TO_SILVER, readStagedSql, sqlString } from './silver-schema.ts';

export interface ConvertedFile {
  path: string;
  date: string;
  region: string;
  rows: number;
}

export interface ParquetConverter {
  /** Writes the Parquet files of `sealedPath` (range first..last of `partition`); idempotent. */
  convert(sealedPath: string, partition: number, first: number, last: number): Promise<ConvertedFile[]>;
  close(): void;
}

export interface ParquetConverterOptions {
  /** DuckDB worker threads; 1 leaves the other cores to the processor. */
  threads: number;
  /** DuckDB memory limit, e.g. `1GB`. */
  memoryLimit: string;
}

interface OutputGroup {
  index: number;
  /** The COPY (run) that writes it. */
  run: number;
  date: string;
  region: string;
  rows: number;
}

const SILVER_COLUMN_LIST = SILVER_COLUMNS.map(([name]) => name).join(', ');
/** Prefix of the per-conversion temporary directories under `_staging/` (never a staging name). */
export const CONVERT_DIR_PREFIX = '.convert-';
/**
 * Groups written by one partitioned COPY. DuckDB holds every open file's buffers (~0.7 MB each):
 * a 30-date backfill staging file of 1,410 groups ran out of a 1 GB limit in one COPY, so larger
 * files are written in runs of at most this many groups. DuckDB is allowed as many open files, so
 * no group is split (one that still is gets rewritten on its own).
 */
const MAX_GROUPS_PER_COPY = 128;
/** Region values DuckDB writes into a directory name unchanged. */
const SAFE_REGION = /^[a-z0-9_-]+$/;

/** Footer metadata: the file states its own partition and offset range (DESIGN invariant 2). */
export function footerMetadataSql(partition: number, first: number, last: number): string {
  return `KV_METADATA {pulse_kafka_partition: '${partition}', pulse_first_offset: '${first}', pulse_last_offset: '${last}'}`;
}

/** Removes temporary conversion directories left by processes that died mid-conversion. */
export function removeAbandonedConvertDirs(paths: LakePaths): number {
  if (!fs.existsSync(paths.staging)) return 0;
  let removed = 0;
  for (const name of fs.readdirSync(paths.staging)) {
    const pid = /^\.convert-(\d+)-/.exec(name)?.[1];
    if (pid === undefined || isProcessAlive(Number(pid))) continue;
    fs.rmSync(path.join(paths.staging, name), { recursive: true, force: true });
    removed += 1;
  }
  return removed;
}

export function createParquetConverter(paths: LakePaths, options: ParquetConverterOptions): ParquetConverter {
  let opened: Promise<{ instance: DuckDBInstance; connection: DuckDBConnection }> | undefined;

  function open() {
    opened ??= (async () => {
      const instance = await DuckDBInstance.create(':memory:', {
        threads: String(options.threads),
        memory_limit: options.memoryLimit,
        autoinstall_known_extensions: 'false',
        partitioned_write_max_open_files: String(MAX_GROUPS_PER_COPY),
      });
      return { instance, connection: await instance.connect() };
    })();
    return opened;
  }

  /** The COPY options every file carries. */
  const copyOptions = (partition: number, first: number, last: number) =>
    `FORMAT parquet, COMPRESSION zstd, ${footerMetadataSql(partition, first, last)}`;

  /**
   * One COPY per run of up to MAX_GROUPS_PER_COPY groups writes them under `tempDir/<run>/date=…/r=…/`
   * (`r` is `region` again, so the files keep their own region column). A COPY per group costs
   * 1.3× as much per row (benchmarks/results/parquet-conversion.md), most of it the fixed cost of
   * each statement and file. Rows come out mostly in offset order, but DuckDB's partitioned write
   * does not guarantee it: readers that need the order ask for it.
   */
  async function writeGroups(connection: DuckDBConnection, tempDir: string, groups: readonly OutputGroup[], partition: number, first: number, last: number) {
    const runs = groups.at(-1)!.run + 1;
    for (let run = 0; run < runs; run += 1) {
      const members = groups.filter((group) => group.run === run);
      const key = (group: OutputGroup) => sqlString(`${group.date}/${group.region}`);
      const where = runs === 1 ? '' : `WHERE date || '/' || region BETWEEN ${key(members[0]!)} AND ${key(members.at(-1)!)}`;
      await connection.run(
        `COPY (SELECT date, region AS r, ${SILVER_COLUMN_LIST} FROM staged ${where} ORDER BY date, region, kafka_offset) ` +
          `TO ${sqlString(path.join(tempDir, String(run)))} (${copyOptions(partition, first, last)}, PARTITION_BY (date, r), FILENAME_PATTERN 'part_{i}')`,
      );
    }
  }

  /**
   * The single file of a group. Rewritten on its own if DuckDB split it or named its directory
   * otherwise (it escapes characters a region code never has).
   */
  async function groupFile(connection: DuckDBConnection, tempDir: string, group: OutputGroup, partition: number, first: number, last: number) {
    const dir = path.join(tempDir, String(group.run), `date=${group.date}`, `r=${group.region}`);
    const files = SAFE_REGION.test(group.region) && fs.existsSync(dir) ? fs.readdirSync(dir).filter((name) => name.endsWith('.parquet')) : [];
    if (files.length === 1) return path.join(dir, files[0]!);
    const single = path.join(tempDir, `group-${group.index}.parquet`);
    await connection.run(
      `COPY (SELECT ${SILVER_COLUMN_LIST} FROM staged WHERE date = ${sqlString(group.date)} AND region = ${sqlString(group.region)} ORDER BY kafka_offset) ` +
        `TO ${sqlString(single)} (${copyOptions(partition, first, last)})`,
    );
    return single;
  }

  return {
    async convert(sealedPath, partition, first, last) {
      if (fs.statSync(sealedPath).size === 0) return [];
      const { connection } = await open();
      await connection.run(`CREATE OR REPLACE TEMP TABLE staged AS SELECT ${STAGED_DATE_SQL} AS date, ${STAGED_TO_SILVER} FROM ${readStagedSql([sealedPath])}`);
      const name = fileNames.batch(partition, first, last);
      const tempDir = path.join(paths.staging, `${CONVERT_DIR_PREFIX}${process.pid}-${name}-${Math.random().toString(36).slice(2, 10)}`);
      try {
        const groups: OutputGroup[] = (
          await connection.runAndReadAll('SELECT date, region, count(*)::INTEGER FROM staged GROUP BY ALL ORDER BY ALL')
        )
          .getRowsJS()
          .map(([date, region, rows], index) => ({ index, run: Math.floor(index / MAX_GROUPS_PER_COPY), date: String(date), region: String(region), rows: Number(rows) }));
        if (groups.length === 0) return [];
        // A full disk stops the COPY part-way: its partial files are never visible (outside the
        // silver tree) but would hold the space every retry needs, so the directory goes in finally.
        await fs.promises.mkdir(tempDir);
        await writeGroups(connection, tempDir, groups, partition, first, last);
        const temps: string[] = [];
        for (const group of groups) {
          const temp = await groupFile(connection, tempDir, group, partition, first, last);
          await durableFs.fsyncPath(temp);
          temps.push(temp);
        }
        crashPoint('after-parquet-temp');
        const written: ConvertedFile[] = [];
        for (const [i, group] of groups.entries()) {
          const dir = paths.partitionDir(group.date, group.region);
          await fs.promises.mkdir(dir, { recursive: true });
          // Only the target directory is fsynced: the temporary one is removed whatever happens.
          await fs.promises.rename(temps[i]!, path.join(dir, name));
          await durableFs.fsyncDir(dir);
          crashPoint('after-parquet-rename');
          written.push({ path: path.join(dir, name), date: group.date, region: group.region, rows: group.rows });
        }
        return written;
      } finally {
        await fs.promises.rm(tempDir, { recursive: true, force: true }).catch(() => undefined);
        await connection.run('DROP TABLE IF EXISTS staged');
      }
    },
    close() {
      void opened?.then(({ instance, connection }) => {
        connection.closeSync();
        instance.closeSync();
      });
      opened = undefined;
    },
  };
}
