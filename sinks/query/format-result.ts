/** Renders a SqlResult as an aligned text table, RFC 4180 CSV, or JSON (an array of row objects). */
import type { SqlResult } from './run-sql.ts';

export const OUTPUT_FORMATS = ['table', 'csv', 'json'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function csvField(value: unknown): string {
  const raw = text(value);
  return /[",\r\n]/.test(raw) ? `"${raw.replaceAll('"', '""')}"` : raw;
}

export function formatResult(result: SqlResult, format: OutputFormat): string {
  if (format === 'json') {
    const objects = result.rows.map((row) => Object.fromEntries(result.columns.map((name, i) => [name, row[i] ?? null])));
    return `${JSON.stringify(objects, null, 2)}\n`;
  }
  if (format === 'csv') {
    return [result.columns, ...result.rows].map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
  }
  // Multi-line values (EXPLAIN plans, descriptions) keep their lines: the table is for reading.
  const cells = result.rows.map((row) => row.map((value) => (value === null ? 'NULL' : text(value))));
  const widths = result.columns.map((name, i) => Math.max(name.length, ...cells.map((row) => Math.max(...row[i]!.split('\n').map((l) => l.length)))));
  const line = (row: string[]) => row.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ').trimEnd();
  const out = [line(result.columns), widths.map((w) => '-'.repeat(w)).join('-+-')];
  for (const row of cells) out.push(line(row));
  out.push(`(${result.rows.length} row${result.rows.length === 1 ? '' : 's'})`);
  return `${out.join('\n')}\n`;
}
