/**
 * Compaction: merges the small files of a (date, region) directory into one file per Kafka
 * partition, `c-p{P}-{minFirst}-{maxLast}.parquet`, dropping duplicate event_ids (earliest offset
 * kept; duplicates older than the dedup horizon exist by design). Safe while the processor runs:
 *  - the merged file is written to a temporary name, fsynced, and renamed in; from that moment
 *    readers hide every file whose range it covers (live-files.ts), then the inputs are deleted,
 *    so no row is ever visible twice and none disappears;
 *  - a file is merged only if its whole range lies below every staging file of its partition, so
 *    no offset inside a compacted range can still arrive as a new file (late rows for a closed date
 *    land in later, uncovered ranges);
 *  - one compaction at a time per lake (a lock file naming the process).
 * A lone file of a directory and partition is rewritten only when it repeats an event_id.
 */
import fs from 'node:fs';
import path from 'node:path';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { PulseError } from '../../core/errors.ts';
import { isProcessAlive } from '../../core/process-alive.ts';
import { footerMetadataSql } from './create-parquet-converter.ts';
import { durableFs } from './durable-fs.ts';
import { fileNames } from './file-names.ts';
import { type LakePaths, lakePaths } from './lake-paths.ts';
import { listDataFiles } from './list-data-files.ts';
import { type DataFile, liveFiles } from './live-files.ts';
import { SILVER_COLUMNS, sqlString } from './silver-schema.ts';

export interface CompactOptions {
  lakeDir: string;
  /** Dates at least this many days before today (UTC) are closed and compacted; default 1 (yesterday and older). */
  closedAfterDays: number;
  /** When set, instead of closed dates: every file at least this old (by modification time), any date. */
  minFileAgeMs: number | undefined;
  /** A directory's partition is merged once it has at least this many files; default 2. */
  minFiles: number;
  /** Clock, for tests; default Date.now(). */
  nowMs: number;
}

export interface CompactReport {
  mergedGroups: number;
  filesMerged: number;
  rowsIn: number;
  rowsOut: number;
  duplicatesRemoved: number;
  /** Inputs and left-over covered files removed. */
  filesDeleted: number;
}

const DAY_MS = 86_400_000;
const COLUMN_LIST = SILVER_COLUMNS.map(([name]) => name).join(', ');

function acquireLock(paths: LakePaths): () => void {
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      fs.writeFileSync(paths.compactLock, String(process.pid), { flag: 'wx' });
      return () => fs.rmSync(paths.compactLock, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(fs.readFileSync(paths.compactLock, 'utf8'));
      if (Number.isInteger(holder) && holder > 0 && isProcessAlive(holder)) {
        throw new PulseError('CONFIG_INVALID', `another compaction (pid ${holder}) holds ${paths.compactLock}; wait for it to finish`);
      }
      fs.rmSync(paths.compactLock, { force: true }); // its process is gone
    }
  }
  throw new PulseError('INTERNAL', `could not take ${paths.compactLock}`);
}

/** Lowest first offset of any staging file (open or sealed) per partition. */
function stagingFloor(paths: LakePaths): Map<number, number> {
  const floor = new Map<number, number>();
  const names = fs.existsSync(paths.staging) ? fs.readdirSync(paths.staging) : [];
  for (const name of names) {
    const parsed = fileNames.parse(name);
    if (parsed === undefined || (parsed.kind !== 'open' && parsed.kind !== 'sealed')) continue;
    floor.set(parsed.partition, Math.min(floor.get(parsed.partition) ?? Number.POSITIVE_INFINITY, parsed.first));
  }
  return floor;
}

export async function compactLake(input: Partial<CompactOptions> & { lakeDir: string }): Promise<CompactReport> {
  const options: CompactOptions = { closedAfterDays: 1, minFileAgeMs: undefined, minFiles: 2, nowMs: Date.now(), ...input };
  if (!Number.isInteger(options.closedAfterDays) || options.closedAfterDays < 0) {
    throw new PulseError('CONFIG_INVALID', `closedAfterDays=${options.closedAfterDays} must be a whole number of days ≥ 0`);
  }
  if (!Number.isInteger(options.minFiles) || options.minFiles < 2) throw new PulseError('CONFIG_INVALID', `minFiles=${options.minFiles} must be ≥ 2`);
  const paths = lakePaths(options.lakeDir);
  const report: CompactReport = { mergedGroups: 0, filesMerged: 0, rowsIn: 0, rowsOut: 0, duplicatesRemoved: 0, filesDeleted: 0 };
  if (!fs.existsSync(paths.silver)) return report;
  const release = acquireLock(paths);
  const instance = await DuckDBInstance.create(':memory:', { autoinstall_known_extensions: 'false' });
  const connection = await instance.connect();
  try {
    // Staging first: anything converted after this listing has a range above the floor.
    const floor = stagingFloor(paths);
    const all = listDataFiles(paths);
    const live = new Set(liveFiles(all));
    const lastClosedDate = new Date(options.nowMs - options.closedAfterDays * DAY_MS).toISOString().slice(0, 10);
    const eligible = (file: DataFile) =>
      file.last < (floor.get(file.partition) ?? Number.POSITIVE_INFINITY) &&
      (options.minFileAgeMs === undefined ? file.date <= lastClosedDate : options.nowMs - fs.statSync(file.path).mtimeMs >= options.minFileAgeMs);

    const groups = new Map<string, DataFile[]>();
    for (const file of live) {
      if (!eligible(file)) continue;
      const key = `${file.dir}\u0000${file.partition}`;
      groups.set(key, [...(groups.get(key) ?? []), file]);
    }
    for (const files of groups.values()) {
      // A lone file is rewritten only when it holds repeats of an event_id (invariant 5 of DESIGN.md).
      if (files.length < options.minFiles && !(await holdsDuplicateIds(connection, files))) continue;
      const { dir, partition } = files[0]!;
      const first = Math.min(...files.map((f) => f.first));
      const last = Math.max(...files.map((f) => f.last));
      const name = fileNames.compacted(partition, first, last);
      const target = path.join(dir, name);
      const temp = path.join(dir, fileNames.temp(name));
      const source = `read_parquet([${files.map((f) => sqlString(f.path)).join(', ')}], hive_partitioning = false, union_by_name = true)`;
      const rowsIn = Number((await connection.runAndReadAll(`SELECT count(*)::BIGINT FROM ${source}`)).getRowsJS()[0]![0]);
      await connection.run(
        `COPY (SELECT ${COLUMN_LIST} FROM ${source} QUALIFY row_number() OVER (PARTITION BY event_id ORDER BY kafka_offset) = 1 ORDER BY kafka_offset) ` +
          `TO ${sqlString(temp)} (FORMAT parquet, COMPRESSION zstd, ${footerMetadataSql(partition, first, last)})`,
      );
      const rowsOut = Number((await connection.runAndReadAll(`SELECT count(*)::BIGINT FROM read_parquet(${sqlString(temp)})`)).getRowsJS()[0]![0]);
      await durableFs.fsyncPath(temp);
      await durableFs.rename(temp, target);
      // From here readers hide the inputs; deleting them is only housekeeping.
      for (const file of files) if (file.path !== target) await durableFs.removeIfPresent(file.path);
      report.mergedGroups += 1;
      report.filesMerged += files.length;
      report.filesDeleted += files.filter((file) => file.path !== target).length;
      report.rowsIn += rowsIn;
      report.rowsOut += rowsOut;
      report.duplicatesRemoved += rowsIn - rowsOut;
    }
    // Files a compacted file already covers (left by a crash between rename and delete, or rebuilt
    // by a replay after compaction) are invisible to readers; remove them.
    for (const file of all.filter((f) => !live.has(f))) {
      if (fs.existsSync(file.path)) {
        await durableFs.removeIfPresent(file.path);
        report.filesDeleted += 1;
      }
    }
    return report;
  } finally {
    connection.closeSync();
    instance.closeSync();
    release();
  }
}

async function holdsDuplicateIds(connection: DuckDBConnection, files: readonly DataFile[]): Promise<boolean> {
  const source = `read_parquet([${files.map((f) => sqlString(f.path)).join(', ')}], hive_partitioning = false)`;
  const reader = await connection.runAndReadAll(`SELECT (count(*) - count(DISTINCT event_id))::BIGINT FROM ${source}`);
  return Number(reader.getRowsJS()[0]![0]) > 0;
}
