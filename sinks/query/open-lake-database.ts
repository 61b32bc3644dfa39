/**
 * A DuckDB connection over the lake with `silver_job_postings` ready, locked down before any
 * caller's SQL reaches it:
 *   - `access_mode = READ_ONLY` on an empty database file (empty-database-file.ts): nothing can
 *     be created, changed or attached for writing; the view is a TEMP view;
 *   - `allowed_directories = ['<lake>/silver_job_postings/']`, then `enable_external_access =
 *     false`: no file outside the table's directory can be read or written (COPY TO, EXPORT,
 *     ATTACH of a file, read_csv('/etc/…'), glob, INSTALL all fail), and no extension can load;
 *   - extension auto-install and auto-load off, community extensions off;
 *   - `lock_configuration = true`, so SET / RESET / PRAGMA cannot undo any of it.
 * Queries go through prepareSelect (run-lake-query.ts); this module only hands out the connection.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { lakePaths } from '../parquet/lake-paths.ts';
import { listDataFiles } from '../parquet/list-data-files.ts';
import { liveFiles } from '../parquet/live-files.ts';
import { sqlString } from '../parquet/silver-schema.ts';
import { emptyDatabaseFile } from './empty-database-file.ts';
import { silverViewSql } from './silver-view-sql.ts';

export interface LakeDatabase {
  connection: DuckDBConnection;
  /** Live files the view was built over. */
  fileCount: number;
  close(): void;
}

/** Set at open, before any statement runs. */
const INSTANCE_SETTINGS = {
  access_mode: 'READ_ONLY',
  autoinstall_known_extensions: 'false',
  autoload_known_extensions: 'false',
  allow_community_extensions: 'false',
  allow_unsigned_extensions: 'false',
};

export async function openLakeDatabase(lakeDir: string): Promise<LakeDatabase> {
  const paths = lakePaths(lakeDir);
  const files = liveFiles(listDataFiles(paths));
  const instance = await DuckDBInstance.create(await emptyDatabaseFile(), INSTANCE_SETTINGS);
  let connection: DuckDBConnection | undefined;
  try {
    connection = await instance.connect();
    await connection.run("SET TimeZone = 'UTC'");
    await connection.run(silverViewSql(files));
    // The trailing slash keeps a sibling such as `silver_job_postings_x/` out.
    await connection.run(`SET allowed_directories = [${sqlString(`${paths.silver}/`)}]`);
    await connection.run('SET enable_external_access = false');
    await connection.run('SET lock_configuration = true');
  } catch (error) {
    connection?.closeSync();
    instance.closeSync();
    throw error;
  }
  const opened = connection;
  return {
    connection: opened,
    fileCount: files.length,
    close() {
      opened.closeSync();
      instance.closeSync();
    },
  };
}
