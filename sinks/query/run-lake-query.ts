/**
 * Runs one read-only statement against the lake. The view is built from a directory listing; if
 * compaction deletes a listed file before DuckDB opens it (it was replaced by a merged file a
 * moment earlier), the query is retried over a fresh listing, so callers never see that race.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { type LakeDatabase, openLakeDatabase } from './open-lake-database.ts';

const VANISHED_FILE = /No such file or directory|No files found|Cannot open file/i;
const ATTEMPTS = 5;

export async function runLakeQuery<T>(lakeDir: string, query: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    let database: LakeDatabase | undefined;
    try {
      database = await openLakeDatabase(lakeDir);
      return await query(database.connection);
    } catch (error) {
      if (attempt >= ATTEMPTS || !VANISHED_FILE.test((error as Error).message)) throw error;
    } finally {
      database?.close();
    }
  }
}
