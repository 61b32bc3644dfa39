/**
 * The single-SELECT gate every query of the lake goes through (`pulse sql`, the dashboard's
 * history, `pulse reconcile`): exactly one statement, and it reads. Three checks, in this order:
 *   1. the first keyword, before DuckDB's parser sees the text (PRAGMA handlers run while
 *      statements are extracted, so a PRAGMA is refused even where DuckDB would call it a SELECT);
 *   2. the statement count from DuckDB's parser (`SELECT 1; DROP …`, comment tricks);
 *   3. DuckDB's statement type after binding: SELECT, or EXPLAIN whose target is itself a
 *      SELECT (EXPLAIN ANALYZE runs its target, so `EXPLAIN ANALYZE COPY …` would write).
 * The gate is one of two layers: the connection it runs on is already locked down
 * (open-lake-database.ts), which matters because preparing a statement can itself act (DuckDB
 * creates an EXPORT DATABASE directory at prepare time).
 */
import { type DuckDBConnection, type DuckDBPreparedStatement, StatementType } from '@duckdb/node-api';
import { PulseError } from '../../core/errors.ts';
import { afterParentheses, statementHead } from './statement-head.ts';

/** Keywords a reading statement can start with; `(` for a parenthesised query. */
const READ_HEADS = new Set(['SELECT', 'WITH', 'FROM', 'VALUES', 'TABLE', 'DESCRIBE', 'SUMMARIZE', 'SHOW', 'PIVOT', 'UNPIVOT', '(']);

function refused(what: string): PulseError {
  return new PulseError('SQL_ERROR', `only a SELECT (or EXPLAIN of a SELECT) statement is allowed; got ${what}`);
}

/** One statement of `sql`, prepared; refuses anything but one reading statement. */
async function prepareOne(connection: DuckDBConnection, sql: string, allowExplain: boolean): Promise<DuckDBPreparedStatement> {
  const head = statementHead(sql);
  if (!READ_HEADS.has(head.token) && !(allowExplain && head.token === 'EXPLAIN')) throw refused(head.token || 'nothing');
  const statements = await connection.extractStatements(sql);
  if (statements.count !== 1) throw new PulseError('SQL_ERROR', `expected exactly one statement, got ${statements.count}`);
  const prepared = await statements.prepare(0);
  if (prepared.statementType === StatementType.SELECT) return prepared;
  if (prepared.statementType === StatementType.EXPLAIN && allowExplain) return prepared;
  const type = StatementType[prepared.statementType] ?? String(prepared.statementType);
  prepared.destroySync();
  throw refused(type);
}

/** What an EXPLAIN explains: the text after `EXPLAIN [ANALYZE] [(options)]`. */
function explainTarget(sql: string): string {
  let rest = statementHead(sql).rest;
  const analyze = statementHead(rest);
  if (analyze.token === 'ANALYZE') rest = analyze.rest;
  const next = statementHead(rest);
  // `(FORMAT json)` is an option list; `(SELECT …)` is the target itself.
  if (next.token === '(' && !READ_HEADS.has(statementHead(next.rest).token)) rest = afterParentheses(rest) ?? '';
  return rest;
}

export async function prepareSelect(connection: DuckDBConnection, sql: string): Promise<DuckDBPreparedStatement> {
  const head = statementHead(sql);
  if (head.token === '') throw new PulseError('SQL_ERROR', 'expected exactly one statement, got 0');
  if (head.token !== 'EXPLAIN') return prepareOne(connection, sql, false);
  // The target is checked first, by its keyword and then by DuckDB, before the EXPLAIN is prepared.
  const target = explainTarget(sql);
  const targetHead = statementHead(target).token;
  if (!READ_HEADS.has(targetHead)) throw refused(`EXPLAIN of ${targetHead === '' ? 'nothing' : targetHead}`);
  (await prepareOne(connection, target, false)).destroySync();
  return prepareOne(connection, sql, true);
}
