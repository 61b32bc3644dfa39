/**
 * `pulse sql`: exactly one SELECT (WITH … SELECT, VALUES, EXPLAIN included) over the lake, results
 * as column names plus JSON-safe rows. Anything else, and any DuckDB error, is a PulseError
 * SQL_ERROR carrying DuckDB's own message.
 */
import { DuckDBTypeId, StatementType } from '@duckdb/node-api';
import { PulseError } from '../../core/errors.ts';
import { runLakeQuery } from './run-lake-query.ts';

export interface SqlResult {
  columns: string[];
  rows: unknown[][];
}

const WIDE_INTEGERS = new Set<number>([DuckDBTypeId.BIGINT, DuckDBTypeId.UBIGINT, DuckDBTypeId.HUGEINT, DuckDBTypeId.UHUGEINT]);
const ALLOWED = new Set<number>([StatementType.SELECT, StatementType.EXPLAIN]);

export async function runSql(lakeDir: string, sql: string): Promise<SqlResult> {
  try {
    return await runLakeQuery(lakeDir, async (connection) => {
      const statements = await connection.extractStatements(sql);
      if (statements.count !== 1) {
        throw new PulseError('SQL_ERROR', `expected exactly one statement, got ${statements.count}`);
      }
      const prepared = await statements.prepare(0);
      if (!ALLOWED.has(prepared.statementType)) {
        throw new PulseError('SQL_ERROR', `only a SELECT (or EXPLAIN) statement is allowed; got ${StatementType[prepared.statementType] ?? prepared.statementType}`);
      }
      const result = await prepared.runAndReadAll();
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
