/**
 * The `silver_job_postings` view over an explicit list of live files (see live-files.ts). An
 * explicit list, rather than a glob, is what lets the reader leave out files a compacted file
 * replaces; DuckDB still prunes by the hive columns (`Scanning Files: 1/N` in EXPLAIN). With no
 * files the view is empty but typed, so queries over an empty lake return no rows instead of failing.
 */
import type { DataFile } from '../parquet/live-files.ts';
import { SILVER_COLUMNS, SILVER_TABLE, sqlString } from '../parquet/silver-schema.ts';

const COLUMN_LIST = SILVER_COLUMNS.map(([name]) => name).join(', ');

export function silverViewSql(files: readonly DataFile[]): string {
  if (files.length === 0) {
    const typedNulls = [...SILVER_COLUMNS.map(([name, type]) => `NULL::${type} AS ${name}`), 'NULL::DATE AS date'].join(', ');
    return `CREATE OR REPLACE TEMP VIEW ${SILVER_TABLE} AS SELECT ${typedNulls} WHERE false`;
  }
  const list = `[${files.map((file) => sqlString(file.path)).join(', ')}]`;
  return (
    `CREATE OR REPLACE TEMP VIEW ${SILVER_TABLE} AS SELECT ${COLUMN_LIST}, date FROM read_parquet(${list}, ` +
    `hive_partitioning = true, hive_types = {'date': DATE, 'region': VARCHAR}, union_by_name = true)`
  );
}
