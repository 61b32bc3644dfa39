/**
 * Reconciliation of hot and cold: for every (skill, region, hour) in a range, the Redis count
 * `trend:{skill}:{region}:{YYYY-MM-DD-HH}` must equal the number of non-late cold rows that carry
 * the skill. Keys are read two ways: built from the cold counts (MGET), and found by SCAN of
 * `trend:*` (keys in range the cold store lacks). Rows still in staging are not in the cold
 * recount yet, so reconcile hours older than the sink's rotation age (or after the sink closed).
 */
import type { Redis } from 'ioredis';
import { parseHourLabel } from '../../processor/window/window-math.ts';
import type { HourRange } from './parse-hour-range.ts';
import { runLakeQuery } from './run-lake-query.ts';

export interface ReconcileOptions {
  lakeDir: string;
  redis: Redis;
  range: HourRange;
  /** Prepended to every trend key; empty in production, unique per test. */
  keyPrefix: string;
}

export interface CountDifference {
  skill: string;
  region: string;
  hour: string;
  cold: number;
  hot: number;
}

export interface ReconcileReport {
  /** (skill, region, hour) cells compared. */
  cells: number;
  coldRows: number;
  differences: CountDifference[];
}

const HOUR_MS = 3_600_000;
const MGET_CHUNK = 1000;

async function coldCounts(options: ReconcileOptions): Promise<{ counts: Map<string, number>; rows: number }> {
  const fromDate = new Date(options.range.fromMs).toISOString().slice(0, 10);
  const toDate = new Date(options.range.toMs).toISOString().slice(0, 10);
  return runLakeQuery(options.lakeDir, async (lake) => {
    // The date bounds let DuckDB prune partitions; the time bounds are exact.
    const where = `NOT late AND date BETWEEN $fromDate::DATE AND $toDate::DATE AND posted_at >= epoch_ms($fromMs) AND posted_at < epoch_ms($endMs)`;
    const params = { fromDate, toDate, fromMs: options.range.fromMs, endMs: options.range.toMs + HOUR_MS };
    const reader = await lake.select(
      `SELECT skill, region, strftime(date_trunc('hour', posted_at), '%Y-%m-%d-%H') AS hour, count(*)::BIGINT AS n
       FROM (SELECT unnest(skills) AS skill, region, posted_at FROM silver_job_postings WHERE ${where}) GROUP BY ALL`,
      params,
    );
    const counts = new Map<string, number>();
    for (const [skill, region, hour, n] of reader.getRowsJS()) counts.set(`trend:${String(skill)}:${String(region)}:${String(hour)}`, Number(n));
    const total = await lake.select(`SELECT count(*)::BIGINT FROM silver_job_postings WHERE ${where}`, params);
    return { counts, rows: Number(total.getRowsJS()[0]![0]) };
  });
}

/** `trend:{skill}:{region}:{hour}` → parts; the skill may itself contain ':'; undefined if not a trend key. */
function parseTrendKey(key: string): { skill: string; region: string; hour: string } | undefined {
  const parts = key.split(':');
  if (parts.length < 4 || parts[0] !== 'trend') return undefined;
  const hour = parts.at(-1)!;
  return { skill: parts.slice(1, -2).join(':'), region: parts.at(-2)!, hour };
}

async function scanTrendKeys(options: ReconcileOptions): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await options.redis.scan(cursor, 'MATCH', `${options.keyPrefix}trend:*`, 'COUNT', 1000);
    cursor = next;
    for (const key of batch) {
      const hourMs = parseHourLabel(key.slice(key.lastIndexOf(':') + 1));
      if (hourMs !== undefined && hourMs >= options.range.fromMs && hourMs <= options.range.toMs) keys.push(key.slice(options.keyPrefix.length));
    }
  } while (cursor !== '0');
  return keys;
}

async function hotCounts(options: ReconcileOptions, keys: string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (let i = 0; i < keys.length; i += MGET_CHUNK) {
    const chunk = keys.slice(i, i + MGET_CHUNK);
    const values = await options.redis.mget(...chunk.map((key) => options.keyPrefix + key));
    chunk.forEach((key, j) => counts.set(key, values[j] === null ? 0 : Number(values[j])));
  }
  return counts;
}

export async function reconcile(options: ReconcileOptions): Promise<ReconcileReport> {
  const cold = await coldCounts(options);
  const onlyHot = (await scanTrendKeys(options)).filter((key) => !cold.counts.has(key));
  const keys = [...new Set([...cold.counts.keys(), ...onlyHot])].sort();
  const hot = await hotCounts(options, keys);
  const differences: CountDifference[] = [];
  for (const key of keys) {
    const coldCount = cold.counts.get(key) ?? 0;
    const hotCount = hot.get(key) ?? 0;
    const parts = parseTrendKey(key);
    if (coldCount !== hotCount && parts !== undefined) differences.push({ ...parts, cold: coldCount, hot: hotCount });
  }
  return { cells: keys.length, coldRows: cold.rows, differences };
}
