/**
 * An in-memory DuckDB with `silver_job_postings` ready, locked for reading: external access is off
 * except the table's own directory (so COPY TO, ATTACH, reading other files and installing or
 * loading extensions all fail), and the configuration is locked so a query cannot undo that.
 * DuckDB cannot open an in-memory database READ_ONLY; this is the equivalent that holds.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { lakePaths } from '../parquet/lake-paths.ts';
import { listDataFiles } from '../parquet/list-data-files.ts';
import { liveFiles } from '../parquet/live-files.ts';
import { sqlString } from '../parquet/silver-schema.ts';
import { silverViewSql } from './silver-view-sql.ts';

export interface LakeDatabase {
  connection: DuckDBConnection;
  /** Live files the view was built over. */
  fileCount: number;
  close(): void;
}

export async function openLakeDatabase(lakeDir: string): Promise<LakeDatabase> {
  const paths = lakePaths(lakeDir);
  const files = liveFiles(listDataFiles(paths));
  const instance = await DuckDBInstance.create(':memory:', {
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
  });
  const connection = await instance.connect();
  try {
    await connection.run("SET TimeZone = 'UTC'");
    await connection.run(silverViewSql(files));
    await connection.run(`SET allowed_directories = [${sqlString(`${paths.silver}/`)}]`);
    await connection.run('SET enable_external_access = false');
    await connection.run('SET lock_configuration = true');
  } catch (error) {
    connection.closeSync();
    instance.closeSync();
    throw error;
  }
  return {
    connection,
    fileCount: files.length,
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}
