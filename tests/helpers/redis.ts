/** Redis helpers for tests: a private logical database per test file, and reading trend counts. */
import { Redis } from 'ioredis';
import { testRedisUrl } from './services.ts';

/** A Redis URL on logical database `db` (1–15; 0 is left to the user), emptied first. */
export async function freshRedisDb(db: number): Promise<{ url: string; redis: Redis }> {
  const url = new URL(testRedisUrl());
  url.pathname = `/${db}`;
  const redis = new Redis(url.toString());
  await redis.flushdb();
  return { url: url.toString(), redis };
}

export async function readTrendCounts(redis: Redis): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', 'trend:*', 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) {
      const values = await redis.mget(...keys);
      keys.forEach((key, index) => counts.set(key, Number(values[index])));
    }
  } while (cursor !== '0');
  return counts;
}

export function diffCounts(actual: Map<string, number>, expected: Map<string, number>): string[] {
  const differences: string[] = [];
  for (const [key, count] of expected) if (actual.get(key) !== count) differences.push(`${key}: expected ${count}, got ${actual.get(key) ?? 'none'}`);
  for (const [key, count] of actual) if (!expected.has(key)) differences.push(`${key}: expected none, got ${count}`);
  return differences.sort();
}
