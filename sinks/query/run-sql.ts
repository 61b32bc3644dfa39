/**
 * `pulse sql`: exactly one SELECT (WITH … SELECT, VALUES, EXPLAIN of a SELECT included) over the
 * lake, through the same gate and locked-down connection as every other lake query
 * (run-lake-query.ts); results as column names plus JSON-safe rows. Anything else is a PulseError
 * SQL_ERROR: the gate's refusal, or DuckDB's own message.
 */
import { DuckDBTypeId } from '@duckdb/node-api';
import { PulseError } from '../../core/errors.ts';
import { runLakeQuery } from './run-lake-query.ts';

export interface SqlResult {
  columns: string[];
  rows: unknown[][];
}

const WIDE_INTEGERS = new Set<number>([DuckDBTypeId.BIGINT, DuckDBTypeId.UBIGINT, DuckDBTypeId.HUGEINT, DuckDBTypeId.UHUGEINT]);

export async function runSql(lakeDir: string, sql: string): Promise<SqlResult> {
  try {
    return await runLakeQuery(lakeDir, async (lake) => {
      const result = await lake.select(sql);
      // DuckDB's JSON form spells 64-bit integers as strings; counts read better as numbers when exact.
      const wide = result.columnTypes().map((type) => WIDE_INTEGERS.has(type.typeId));
      const rows = result.getRowsJson().map((row) => row.map((value, i) => (wide[i] && typeof value === 'string' && Number.isSafeInteger(Number(value)) ? Number(value) : value)));
      return { columns: result.deduplicatedColumnNames(), rows };
    });
  } catch (error) {
    if (error instanceof PulseError) throw error;
    throw new PulseError('SQL_ERROR', (error as Error).message, { cause: error });
  }
}
