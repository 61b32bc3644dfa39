/** Command-line handling shared by the benchmark scripts. */

/** Prints `usage` and exits 0 when --help (or -h) is given; call it before any work starts. */
export function helpIfAsked(usage: string): void {
  if (!process.argv.includes('--help') && !process.argv.includes('-h')) return;
  process.stdout.write(`${usage.trim()}\n`);
  process.exit(0);
}

/** A positive numeric flag of a benchmark script (`--rows 100000`), or its default; anything else exits 2. */
export function argument(name: string, fallback: number): number {
  const index = process.argv.indexOf(name);
  if (index < 0) return fallback;
  const raw = process.argv[index + 1];
  const value = Number(raw);
  if (raw === undefined || !Number.isFinite(value) || value <= 0) {
    process.stderr.write(`${name} needs a positive number, got ${raw === undefined ? 'nothing' : JSON.stringify(raw)} (--help lists the options)\n`);
    process.exit(2);
  }
  return value;
}
