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
import { coldHourCounts } from './cold-hour-counts.ts';

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

const MGET_CHUNK = 1000;

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
  const cold = await coldHourCounts(options.lakeDir, options.range);
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
