/**
 * `pulse sql`: exactly one SELECT (WITH … SELECT, VALUES, EXPLAIN included) over the lake, results
 * as column names plus JSON-safe rows. Anything else, and any DuckDB error, is a PulseError
 * SQL_ERROR carrying DuckDB's own message.
 */
import { StatementType } from '@duckdb/node-api';
import { PulseError } from '../../core/errors.ts';
import { runLakeQuery } from './run-lake-query.ts';

export interface SqlResult {
  columns: string[];
  rows: unknown[][];
}

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
      return { columns: result.deduplicatedColumnNames(), rows: result.getRowsJson() };
    });
  } catch (error) {
    if (error instanceof PulseError) throw error;
    throw new PulseError('SQL_ERROR', (error as Error).message, { cause: error });
  }
}
