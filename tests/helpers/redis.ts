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

async function scanKeys(redis: Redis, pattern: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    cursor = next;
    keys.push(...batch);
  } while (cursor !== '0');
  return keys;
}

/**
 * What the dashboard's indexes must hold, derived from the trend keys alone: per hour and region a
 * sorted set skill → count, per hour the same over all regions, the sets of regions and skills, the
 * hours; and every trend and index key with a TTL. Returns the differences (empty when consistent).
 */
export async function indexDifferences(redis: Redis): Promise<string[]> {
  const counts = await readTrendCounts(redis);
  const expected = new Map<string, Map<string, number>>();
  const regions = new Set<string>();
  const skills = new Set<string>();
  const hours = new Set<string>();
  for (const [key, count] of counts) {
    const [, skill, region, hour] = key.split(':') as [string, string, string, string];
    regions.add(region);
    skills.add(skill);
    hours.add(hour);
    for (const index of [`pulse:idx:skills:${region}:${hour}`, `pulse:idx:skills:all:${hour}`]) {
      const members = expected.get(index) ?? new Map<string, number>();
      members.set(skill, (members.get(skill) ?? 0) + count);
      expected.set(index, members);
    }
  }
  const differences: string[] = [];
  const indexKeys = (await scanKeys(redis, 'pulse:idx:skills:*')).filter((key) => key.split(':').length === 5);
  for (const key of indexKeys) if (!expected.has(key)) differences.push(`${key}: not expected`);
  for (const [key, members] of expected) {
    const flat = await redis.zrange(key, 0, -1, 'WITHSCORES');
    const actual = new Map<string, number>();
    for (let i = 0; i < flat.length; i += 2) actual.set(flat[i]!, Number(flat[i + 1]));
    for (const [skill, count] of members) if (actual.get(skill) !== count) differences.push(`${key} ${skill}: expected ${count}, got ${actual.get(skill) ?? 'none'}`);
    for (const skill of actual.keys()) if (!members.has(skill)) differences.push(`${key} ${skill}: not expected`);
    if ((await redis.pttl(key)) <= 0) differences.push(`${key}: no TTL`);
  }
  const sameSet = (name: string, actual: string[], wanted: Set<string>) => {
    const missing = [...wanted].filter((value) => !actual.includes(value));
    if (missing.length > 0) differences.push(`${name} lacks ${missing.slice(0, 5).join(', ')}`);
  };
  sameSet('pulse:idx:regions', await redis.smembers('pulse:idx:regions'), regions);
  sameSet('pulse:idx:skills', await redis.smembers('pulse:idx:skills'), skills);
  const hourEntries = await redis.zrange('pulse:idx:hours', 0, -1, 'WITHSCORES');
  const hourLabels: string[] = [];
  for (let i = 0; i < hourEntries.length; i += 2) {
    hourLabels.push(hourEntries[i]!);
    const [year, month, day, hour] = hourEntries[i]!.split('-').map(Number) as [number, number, number, number];
    if (Number(hourEntries[i + 1]) !== Date.UTC(year, month - 1, day, hour)) differences.push(`pulse:idx:hours ${hourEntries[i]}: score ${hourEntries[i + 1]}`);
  }
  sameSet('pulse:idx:hours', hourLabels, hours);
  for (const key of counts.keys()) if ((await redis.pttl(key)) <= 0) differences.push(`${key}: no TTL`);
  return differences;
}
