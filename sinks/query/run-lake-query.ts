/**
 * The one way to query the lake: a locked-down connection (open-lake-database.ts) that only
 * answers gated SELECTs (prepare-select.ts). Callers get a LakeReader, never the connection.
 * The view is built from a directory listing; if compaction deletes a listed file before DuckDB
 * opens it (it was replaced by a merged file a moment earlier), the query is retried over a fresh
 * listing, so callers never see that race.
 */
import type { DuckDBResultReader, DuckDBValue } from '@duckdb/node-api';
import { type LakeDatabase, openLakeDatabase } from './open-lake-database.ts';
import { prepareSelect } from './prepare-select.ts';

export interface LakeReader {
  /** Runs one SELECT (or EXPLAIN of one) with named parameters (`$name`) and reads every row. */
  select(sql: string, params?: Record<string, DuckDBValue>): Promise<DuckDBResultReader>;
}

const VANISHED_FILE = /No such file or directory|No files found|Cannot open file/i;
const ATTEMPTS = 5;

function readerOf(database: LakeDatabase): LakeReader {
  return {
    async select(sql, params) {
      const prepared = await prepareSelect(database.connection, sql);
      try {
        if (params !== undefined) prepared.bind(params);
        return await prepared.runAndReadAll();
      } finally {
        prepared.destroySync();
      }
    },
  };
}

export async function runLakeQuery<T>(lakeDir: string, query: (lake: LakeReader) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    let database: LakeDatabase | undefined;
    try {
      database = await openLakeDatabase(lakeDir);
      return await query(readerOf(database));
    } catch (error) {
      if (attempt >= ATTEMPTS || !VANISHED_FILE.test((error as Error).message)) throw error;
    } finally {
      database?.close();
    }
  }
}
