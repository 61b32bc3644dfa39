/**
 * The columns of `silver_job_postings`, in file order, and the SQL that turns staged NDJSON rows
 * (EnrichedRow with epoch-millisecond times) into them. `date` is not stored in the files: it is
 * the hive directory (`date=YYYY-MM-DD`), derived from `posted_at` in UTC. `region` is stored in
 * the file *and* named by the directory, so a file read on its own is still complete.
 */
export const SILVER_TABLE = 'silver_job_postings';

/** Column → DuckDB type of the Parquet files. posted_at and ingested_at hold UTC wall time. */
export const SILVER_COLUMNS = [
  ['event_id', 'VARCHAR'],
  ['job_id', 'VARCHAR'],
  ['posted_at', 'TIMESTAMP'],
  ['title', 'VARCHAR'],
  ['company', 'VARCHAR'],
  ['description', 'VARCHAR'],
  ['location', 'VARCHAR'],
  ['skills', 'VARCHAR[]'],
  ['experience_level', 'VARCHAR'],
  ['region', 'VARCHAR'],
  ['region_area', 'VARCHAR'],
  ['city', 'VARCHAR'],
  ['subdivision', 'VARCHAR'],
  ['is_remote', 'BOOLEAN'],
  ['source', 'VARCHAR'],
  ['taxonomy_version', 'VARCHAR'],
  ['late', 'BOOLEAN'],
  ['repaired', 'BOOLEAN'],
  ['kafka_partition', 'INTEGER'],
  ['kafka_offset', 'BIGINT'],
  ['ingested_at', 'TIMESTAMP'],
] as const;

/** Types of the staged NDJSON fields, for DuckDB's read_json (explicit, so nothing is guessed). */
const STAGED_FIELDS: ReadonlyArray<readonly [string, string]> = SILVER_COLUMNS.map(([name, type]) => {
  if (name === 'posted_at') return ['posted_at_ms', 'BIGINT'] as const;
  if (name === 'ingested_at') return ['ingested_at_ms', 'BIGINT'] as const;
  return [name, type] as const;
});

export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** `read_json(...)` of staged NDJSON files, strict: a sealed file never holds a torn line. */
export function readStagedSql(files: readonly string[]): string {
  const columns = STAGED_FIELDS.map(([name, type]) => `${name}: ${sqlString(type)}`).join(', ');
  const list = `[${files.map(sqlString).join(', ')}]`;
  return `read_json(${list}, format = 'newline_delimited', columns = {${columns}})`;
}

/** SELECT list from staged fields to the silver columns, in file order. */
export const STAGED_TO_SILVER = SILVER_COLUMNS.map(([name]) => {
  if (name === 'posted_at') return 'epoch_ms(posted_at_ms) AS posted_at';
  if (name === 'ingested_at') return 'epoch_ms(ingested_at_ms) AS ingested_at';
  return name;
}).join(', ');

/** The UTC date of posted_at as the hive directory value. */
export const STAGED_DATE_SQL = "strftime(epoch_ms(posted_at_ms), '%Y-%m-%d')";
