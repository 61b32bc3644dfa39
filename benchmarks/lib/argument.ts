/** A numeric command-line flag of a benchmark script (`--rows 100000`), or its default. */
export function argument(name: string, fallback: number): number {
  const index = process.argv.indexOf(name);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}
