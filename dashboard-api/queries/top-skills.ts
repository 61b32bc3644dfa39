/**
 * Top skills over a range of hours, with their hourly series. Reads each hour's skills index
 * (`pulse:idx:skills:{region|all}:{hour}`) in one pipeline and sums in JS: ZUNIONSTORE would
 * write a key on a read path, and a few dozen sorted sets of a few hundred members are cheap.
 */
import type { Redis } from 'ioredis';
import { ALL_REGIONS, skillsIndexKey } from '../../sinks/redis/hot-keys.ts';
import type { HourRange } from './hour-range.ts';

export interface SkillSeries {
  skill: string;
  total: number;
  /** Count per hour, aligned with the range's hours. */
  series: number[];
}

export async function topSkills(redis: Redis, range: HourRange, region: string | undefined, limit: number): Promise<SkillSeries[]> {
  const pipeline = redis.pipeline();
  for (const start of range.startsMs) pipeline.zrange(skillsIndexKey(region ?? ALL_REGIONS, start), 0, -1, 'WITHSCORES');
  const replies = (await pipeline.exec()) ?? [];
  const bySkill = new Map<string, SkillSeries>();
  replies.forEach(([error, reply], hourIndex) => {
    if (error !== null) throw error;
    const flat = reply as string[];
    for (let i = 0; i < flat.length; i += 2) {
      const skill = flat[i]!;
      const count = Number(flat[i + 1]);
      let entry = bySkill.get(skill);
      if (entry === undefined) {
        entry = { skill, total: 0, series: new Array<number>(range.startsMs.length).fill(0) };
        bySkill.set(skill, entry);
      }
      entry.series[hourIndex] = count;
      entry.total += count;
    }
  });
  // Ties go to the alphabetically first skill, so the answer never depends on hash order.
  return [...bySkill.values()]
    .filter((entry) => entry.total > 0)
    .sort((a, b) => b.total - a.total || (a.skill < b.skill ? -1 : 1))
    .slice(0, limit);
}
