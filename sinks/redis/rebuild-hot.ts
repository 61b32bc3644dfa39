/**
 * `pulse rebuild-hot`: rebuilds the hot counts of a range of hours from the cold store, for a
 * lost or rolled-back Redis, or to re-count under a new taxonomy version. Each hour is replaced
 * in one MULTI/EXEC (its old trend keys and indexes deleted, the recount written), so a reader
 * sees the old hour or the new one, never a mix; replacing is idempotent, so a killed rebuild is
 * simply run again. Rows still in cold staging are not in Parquet yet: rebuild hours older than
 * the staging age, or with the processor stopped.
 */
import type { Redis } from 'ioredis';
import { hourLabel, parseHourLabel } from '../../processor/window/window-math.ts';
import type { Enricher } from '../../processor/enrich/enricher.ts';
import { coldHourCounts } from '../query/cold-hour-counts.ts';
import type { HourRange } from '../query/parse-hour-range.ts';
import { ALL_REGIONS, HOURS_KEY, REGIONS_KEY, SKILLS_KEY, skillsIndexKey, trendKey } from './hot-keys.ts';

const HOUR_MS = 3_600_000;

export interface RebuildOptions {
  lakeDir: string;
  redis: Redis;
  range: HourRange;
  /** TTL of the written keys (as the processor's --hot-ttl). */
  ttlMs: number;
  /** Re-extract skills from the stored text with this enricher (a new taxonomy version). */
  reenrich?: Enricher;
  onHour?: (hour: string, cells: number) => void;
}

export interface RebuildReport {
  hours: number;
  cells: number;
  coldRows: number;
  removedKeys: number;
}

/** Trend keys already in Redis for hours of the range, by hour start. */
async function existingTrendKeys(redis: Redis, range: HourRange): Promise<Map<number, string[]>> {
  const byHour = new Map<number, string[]>();
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', 'trend:*', 'COUNT', 1000);
    cursor = next;
    for (const key of keys) {
      const hourMs = parseHourLabel(key.slice(key.lastIndexOf(':') + 1));
      if (hourMs === undefined || hourMs < range.fromMs || hourMs > range.toMs) continue;
      byHour.set(hourMs, [...(byHour.get(hourMs) ?? []), key]);
    }
  } while (cursor !== '0');
  return byHour;
}

export async function rebuildHot(options: RebuildOptions): Promise<RebuildReport> {
  const { redis, range, ttlMs } = options;
  const cold = await coldHourCounts(options.lakeDir, range, options.reenrich);
  // hour → region → skill → count
  const recount = new Map<number, Map<string, Map<string, number>>>();
  for (const [key, count] of cold.counts) {
    const parts = key.split(':');
    const hourMs = parseHourLabel(parts.at(-1)!)!;
    const region = parts.at(-2)!;
    const skill = parts.slice(1, -2).join(':');
    const byRegion = recount.get(hourMs) ?? new Map<string, Map<string, number>>();
    const bySkill = byRegion.get(region) ?? new Map<string, number>();
    bySkill.set(skill, count);
    byRegion.set(region, bySkill);
    recount.set(hourMs, byRegion);
  }
  const existing = await existingTrendKeys(redis, range);
  const knownRegions = new Set(await redis.smembers(REGIONS_KEY));
  const report: RebuildReport = { hours: 0, cells: 0, coldRows: cold.rows, removedKeys: 0 };
  for (let hourMs = range.fromMs; hourMs <= range.toMs; hourMs += HOUR_MS) {
    const byRegion = recount.get(hourMs) ?? new Map<string, Map<string, number>>();
    const stale = existing.get(hourMs) ?? [];
    const regions = new Set([...knownRegions, ...byRegion.keys(), ALL_REGIONS]);
    const transaction = redis.multi();
    for (const key of stale) transaction.del(key);
    for (const region of regions) transaction.del(skillsIndexKey(region, hourMs));
    const all = new Map<string, number>();
    let cells = 0;
    for (const [region, bySkill] of byRegion) {
      transaction.sadd(REGIONS_KEY, region);
      for (const [skill, count] of bySkill) {
        transaction.set(trendKey(skill, region, hourMs), count, 'PX', ttlMs);
        transaction.zadd(skillsIndexKey(region, hourMs), count, skill);
        transaction.sadd(SKILLS_KEY, skill);
        all.set(skill, (all.get(skill) ?? 0) + count);
        cells += 1;
      }
      transaction.pexpire(skillsIndexKey(region, hourMs), ttlMs);
    }
    for (const [skill, count] of all) transaction.zadd(skillsIndexKey(ALL_REGIONS, hourMs), count, skill);
    if (all.size > 0) {
      transaction.pexpire(skillsIndexKey(ALL_REGIONS, hourMs), ttlMs);
      transaction.zadd(HOURS_KEY, hourMs, hourLabel(hourMs));
    }
    await transaction.exec();
    report.hours += 1;
    report.cells += cells;
    report.removedKeys += stale.length;
    options.onHour?.(hourLabel(hourMs), cells);
  }
  return report;
}
