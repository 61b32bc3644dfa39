/**
 * The hot sink: applies a batch's count increments, dedup memory and fence to Redis in one Lua
 * script, so a replay after a crash changes nothing twice and a stale owner's write is refused.
 */
import fs from 'node:fs';
import type { Redis } from 'ioredis';
import { hourLabel } from '../../processor/window/window-math.ts';
import type { BatchOutcome } from '../../processor/runner/process-batch.ts';
import {
  ALL_REGIONS,
  HOURS_KEY,
  REGIONS_KEY,
  SKILLS_KEY,
  UPDATES_CHANNEL,
  dedupBucketKey,
  dedupIndexKey,
  fenceKey,
  skillsIndexKey,
  taxonomyLogKey,
  trendKeyOfLabel,
} from './hot-keys.ts';

const APPLY_SCRIPT = fs.readFileSync(new URL('./apply-batch.lua', import.meta.url), 'utf8');
const CLAIM_SCRIPT = fs.readFileSync(new URL('./claim-partition.lua', import.meta.url), 'utf8');
/** Dedup ids read per HSCAN call when a partition is claimed. */
const DEDUP_SCAN_PAGE = 5000;

export interface HotSinkOptions {
  topic: string;
  /** Trend and index keys expire this long after their last update; default 8 days. */
  ttlMs: number;
}

export interface ClaimedPartition {
  epoch: string;
  lastOffset: number;
  maxEventTimeMs: number;
  /** Remembered ids by bucket hour, with the offset each was first seen at. */
  dedup: Map<number, Map<string, number>>;
}

export interface CountUpdate {
  skill: string;
  region: string;
  hour: string;
  count: number;
}

export type ApplyResult =
  | { applied: true; status: 'OK' | 'ALREADY'; updates: CountUpdate[] }
  | { applied: false; status: 'STALE_EPOCH' | 'STALE_OFFSET'; fenceOffset: number };

interface RedisWithScripts extends Redis {
  pulseApplyBatch(numKeys: number, ...args: Array<string | number>): Promise<Array<string | number>>;
  pulseClaimPartition(fence: string): Promise<[string, string, string]>;
}

export interface HotSink {
  claim(partition: number): Promise<ClaimedPartition>;
  /** `taxonomyVersion`: the version that enriched the batch; a change is logged with the batch's first offset. */
  apply(outcome: BatchOutcome, epoch: string, expectedOffset: number, taxonomyVersion: string): Promise<ApplyResult>;
  announce(partition: number, updates: readonly CountUpdate[]): Promise<void>;
}

export function createHotSink(redis: Redis, options: HotSinkOptions): HotSink {
  const client = redis as RedisWithScripts;
  if (typeof client.pulseApplyBatch !== 'function') {
    redis.defineCommand('pulseApplyBatch', { lua: APPLY_SCRIPT });
    redis.defineCommand('pulseClaimPartition', { lua: CLAIM_SCRIPT, numberOfKeys: 1 });
  }

  async function claim(partition: number): Promise<ClaimedPartition> {
    const [epoch, offset, maxEventTime] = await client.pulseClaimPartition(fenceKey(options.topic, partition));
    const dedup = new Map<number, Map<string, number>>();
    const hours = await redis.zrange(dedupIndexKey(options.topic, partition), 0, -1);
    for (const hour of hours) {
      const hourMs = Number(hour);
      // HSCAN in pages, not HGETALL: a bucket can hold hundreds of thousands of ids, and one reply
      // that size would be held whole (then copied into an object) next to the Map built from it.
      const bucket = new Map<string, number>();
      let cursor = '0';
      do {
        const [next, page] = await redis.hscan(dedupBucketKey(options.topic, partition, hourMs), cursor, 'COUNT', DEDUP_SCAN_PAGE);
        for (let i = 0; i + 1 < page.length; i += 2) bucket.set(page[i]!, Number(page[i + 1]));
        cursor = next;
      } while (cursor !== '0');
      dedup.set(hourMs, bucket);
    }
    return {
      epoch,
      lastOffset: Number(offset),
      maxEventTimeMs: maxEventTime === '' ? Number.NEGATIVE_INFINITY : Number(maxEventTime),
      dedup,
    };
  }

  async function apply(outcome: BatchOutcome, epoch: string, expectedOffset: number, taxonomyVersion: string): Promise<ApplyResult> {
    const { topic, ttlMs } = options;
    const keys = [
      fenceKey(topic, outcome.partition),
      dedupIndexKey(topic, outcome.partition),
      REGIONS_KEY,
      SKILLS_KEY,
      HOURS_KEY,
      taxonomyLogKey(topic, outcome.partition),
    ];
    const keyPosition = new Map<string, number>();
    const position = (key: string): number => {
      let index = keyPosition.get(key);
      if (index === undefined) {
        keys.push(key);
        index = keys.length; // Lua arrays count from 1
        keyPosition.set(key, index);
      }
      return index;
    };
    // Aggregated here, so the script makes only the Redis calls the batch needs.
    const counts: Array<[number, number, string, number]> = [];
    const allRegions: Array<[number, string, number]> = [];
    const indexKeys = new Set<number>();
    const hours: Array<number | string> = [];
    const regions = new Set<string>();
    const skills = new Set<string>();
    const touched: Array<Omit<CountUpdate, 'count'>> = [];
    for (const [hour, byRegion] of outcome.counts) {
      const label = hourLabel(hour);
      hours.push(hour, label);
      const allIndex = position(skillsIndexKey(ALL_REGIONS, hour));
      indexKeys.add(allIndex);
      const overRegions = new Map<string, number>();
      for (const [region, bySkill] of byRegion) {
        const regionIndex = position(skillsIndexKey(region, hour));
        indexKeys.add(regionIndex);
        regions.add(region);
        for (const [skill, delta] of bySkill) {
          counts.push([position(trendKeyOfLabel(skill, region, label)), regionIndex, skill, delta]);
          overRegions.set(skill, (overRegions.get(skill) ?? 0) + delta);
          touched.push({ skill, region, hour: label });
        }
      }
      for (const [skill, delta] of overRegions) {
        allRegions.push([allIndex, skill, delta]);
        skills.add(skill);
      }
    }
    const remembered = [...outcome.remembered].map(([hour, ids]) => [
      position(dedupBucketKey(topic, outcome.partition, hour)),
      hour,
      ...ids.flat(),
    ]);
    const evicted = outcome.evictedBuckets.map((hour) => [position(dedupBucketKey(topic, outcome.partition, hour)), hour]);
    const maxEventTime = Number.isFinite(outcome.maxEventTimeMs) ? String(outcome.maxEventTimeMs) : '';
    const reply = await client.pulseApplyBatch(
      keys.length,
      ...keys,
      epoch,
      String(expectedOffset),
      String(outcome.lastOffset),
      maxEventTime,
      JSON.stringify({ c: counts, a: allRegions, x: [...indexKeys], h: hours, r: [...regions], s: [...skills], d: remembered, e: evicted }),
      taxonomyVersion,
      String(outcome.firstOffset),
      String(ttlMs),
    );
    const status = String(reply[0]);
    if (status === 'STALE_EPOCH' || status === 'STALE_OFFSET') return { applied: false, status, fenceOffset: Number(reply[2]) };
    if (status !== 'OK' && status !== 'ALREADY') throw new Error(`unexpected reply from the apply script: ${status}`);
    const updates = status === 'OK' ? touched.map((entry, index) => ({ ...entry, count: Number(reply[3 + index]) })) : [];
    return { applied: true, status, updates };
  }

  async function announce(partition: number, updates: readonly CountUpdate[]): Promise<void> {
    if (updates.length === 0) return;
    await redis.publish(UPDATES_CHANNEL, JSON.stringify({ partition, updates }));
  }

  return { claim, apply, announce };
}
