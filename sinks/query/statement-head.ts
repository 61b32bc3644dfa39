/**
 * The first token of a SQL text, found without DuckDB's parser: the gate needs it before the
 * parser runs, because DuckDB's parser already does work for some statements (a `PRAGMA
 * import_database('dir')` reads files while its statements are being extracted). Whitespace,
 * `--` and `/* … *\/` comments are skipped; the token is a keyword (upper-cased), a single
 * punctuation character, or '' at the end of the text. `rest` is the text after the token.
 */
export interface StatementHead {
  token: string;
  rest: string;
}

function skipTrivia(sql: string, start: number): number {
  let i = start;
  for (;;) {
    while (i < sql.length && /\s/.test(sql[i]!)) i += 1;
    if (sql.startsWith('--', i)) {
      const end = sql.indexOf('\n', i);
      i = end === -1 ? sql.length : end + 1;
    } else if (sql.startsWith('/*', i)) {
      const end = sql.indexOf('*/', i + 2);
      i = end === -1 ? sql.length : end + 2;
    } else {
      return i;
    }
  }
}

export function statementHead(sql: string): StatementHead {
  const start = skipTrivia(sql, 0);
  const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(sql.slice(start))?.[0];
  const token = word?.toUpperCase() ?? sql.charAt(start);
  return { token, rest: sql.slice(start + (word?.length ?? token.length)) };
}

/**
 * The text after a balanced `( … )` that `sql` starts with (after trivia), quotes and comments
 * respected; undefined when the parentheses never close.
 */
export function afterParentheses(sql: string): string | undefined {
  let depth = 0;
  let i = skipTrivia(sql, 0);
  while (i < sql.length) {
    const char = sql[i]!;
    if (char === "'" || char === '"') {
      // A doubled quote inside a literal is an escaped quote: skipping pairs handles it.
      const end = sql.indexOf(char, i + 1);
      if (end === -1) return undefined;
      i = end + 1;
      continue;
    }
    if (sql.startsWith('--', i) || sql.startsWith('/*', i)) {
      i = skipTrivia(sql, i);
      continue;
    }
    if (char === '(') depth += 1;
    if (char === ')') depth -= 1;
    i += 1;
    if (depth === 0) return sql.slice(i);
  }
  return undefined;
}
