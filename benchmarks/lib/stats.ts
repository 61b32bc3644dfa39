/** Summary statistics shared by the benchmarks: medians of runs, percentiles of latencies. */

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Nearest-rank percentile (p in 0–100) of unsorted values. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export interface RunSummary {
  median: number;
  min: number;
  max: number;
  runs: number[];
}

/** Median, min and max of several runs of one figure (NaN runs, i.e. failures, are left out). */
export function summarize(runs: readonly number[]): RunSummary {
  const ok = runs.filter((value) => Number.isFinite(value));
  const min = ok.reduce((low, value) => Math.min(low, value), Number.POSITIVE_INFINITY);
  const max = ok.reduce((high, value) => Math.max(high, value), Number.NEGATIVE_INFINITY);
  return { median: median(ok), min: ok.length > 0 ? min : Number.NaN, max: ok.length > 0 ? max : Number.NaN, runs: [...runs] };
}
