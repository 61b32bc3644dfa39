/**
 * Turns one sealed staging file into Parquet: one file per (date, region) present, each written
 * under a temporary name, fsynced, and renamed to its deterministic name. DuckDB reads the NDJSON
 * and writes the Parquet in native code on its own thread (benchmarks/results/parquet-writers.md:
 * 4.6× the next writer, and the event loop stays free for the hot path).
 */
import fs from 'node:fs';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { crashPoint } from '../../core/crash-points.ts';
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

const SILVER_COLUMN_LIST = SILVER_COLUMNS.map(([name]) => name).join(', ');

/** Footer metadata: the file states its own partition and offset range (DESIGN invariant 2). */
export function footerMetadataSql(partition: number, first: number, last: number): string {
  return `KV_METADATA {pulse_kafka_partition: '${partition}', pulse_first_offset: '${first}', pulse_last_offset: '${last}'}`;
}

/**
 * The rows of one output file in offset order: its run of rowids in the sorted table (filtering the
 * table per file and sorting each took 1.1-1.2x the CPU: benchmarks/results/parquet-conversion.md).
 * Should the run not be contiguous, the filter and sort stand in.
 */
function fileRowsSql(group: Readonly<Record<string, unknown>>): string {
  const firstRow = Number(group.first_row), lastRow = Number(group.last_row);
  if (lastRow - firstRow + 1 === Number(group.n)) return `SELECT ${SILVER_COLUMN_LIST} FROM staged WHERE rowid BETWEEN ${firstRow} AND ${lastRow}`;
  return `SELECT ${SILVER_COLUMN_LIST} FROM staged WHERE date = ${sqlString(String(group.date))} AND region = ${sqlString(String(group.region))} ORDER BY kafka_offset`;
}

export function createParquetConverter(paths: LakePaths, options: ParquetConverterOptions): ParquetConverter {
  let opened: Promise<{ instance: DuckDBInstance; connection: DuckDBConnection }> | undefined;

  function open() {
    opened ??= (async () => {
      const instance = await DuckDBInstance.create(':memory:', {
        threads: String(options.threads),
        memory_limit: options.memoryLimit,
        autoinstall_known_extensions: 'false',
      });
      return { instance, connection: await instance.connect() };
    })();
    return opened;
  }

  return {
    async convert(sealedPath, partition, first, last) {
      if (fs.statSync(sealedPath).size === 0) return [];
      const { connection } = await open();
      // Sorted by the output files first, so each file is one contiguous run of rowids, already in
      // offset order (DuckDB keeps insertion order, `preserve_insertion_order`): a file's COPY reads
      // just its run, with no filter over the whole table and no sort of its own.
      await connection.run(
        `CREATE OR REPLACE TEMP TABLE staged AS SELECT ${STAGED_DATE_SQL} AS date, ${STAGED_TO_SILVER} FROM ${readStagedSql([sealedPath])} ORDER BY date, region, kafka_offset`,
      );
      try {
        const groups = (
          await connection.runAndReadAll(
            'SELECT date, region, count(*)::INTEGER AS n, min(rowid)::BIGINT AS first_row, max(rowid)::BIGINT AS last_row FROM staged GROUP BY ALL ORDER BY ALL',
          )
        ).getRowObjectsJS();
        const written: ConvertedFile[] = [];
        const name = fileNames.batch(partition, first, last);
        for (const group of groups) {
          const date = String(group.date);
          const region = String(group.region);
          const dir = paths.partitionDir(date, region);
          await fs.promises.mkdir(dir, { recursive: true });
          const temp = path.join(dir, fileNames.temp(name));
          try {
            await connection.run(
              `COPY (${fileRowsSql(group)}) TO ${sqlString(temp)} (FORMAT parquet, COMPRESSION zstd, ${footerMetadataSql(partition, first, last)})`,
            );
            await durableFs.fsyncPath(temp);
          } catch (error) {
            // A full disk stops the COPY part-way: the partial temp file is never visible (not
            // *.parquet) but would hold the space every retry needs, so it goes now.
            await durableFs.removeIfPresent(temp).catch(() => undefined);
            throw error;
          }
          crashPoint('after-parquet-temp');
          await durableFs.rename(temp, path.join(dir, name));
          crashPoint('after-parquet-rename');
          written.push({ path: path.join(dir, name), date, region, rows: Number(group.n) });
        }
        return written;
      } finally {
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
