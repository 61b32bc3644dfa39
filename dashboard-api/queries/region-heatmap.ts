/**
 * Counts of one skill per region over a range of hours: every known region × hour trend key in a
 * single MGET (a day of ~60 regions is ~1,500 keys, one round trip).
 */
import type { Redis } from 'ioredis';
import { REGIONS_KEY, trendKey } from '../../sinks/redis/hot-keys.ts';
import type { HourRange } from './hour-range.ts';

export interface RegionCount {
  region: string;
  count: number;
}

export async function regionHeatmap(redis: Redis, skill: string, range: HourRange): Promise<RegionCount[]> {
  const regions = (await redis.smembers(REGIONS_KEY)).sort();
  if (regions.length === 0) return [];
  const keys = regions.flatMap((region) => range.startsMs.map((start) => trendKey(skill, region, start)));
  const values = await redis.mget(...keys);
  const hours = range.startsMs.length;
  return regions
    .map((region, regionIndex) => {
      let count = 0;
      for (let hour = 0; hour < hours; hour++) count += Number(values[regionIndex * hours + hour] ?? 0);
      return { region, count };
    })
    .sort((a, b) => b.count - a.count || (a.region < b.region ? -1 : 1));
}
