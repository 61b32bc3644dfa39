/**
 * The Redis key layout of the hot path. Counts: `trend:{skill}:{region}:{YYYY-MM-DD-HH}` → integer.
 * Indexes so the dashboard never scans: a sorted set of skills per hour and region (and over all
 * regions), the sets of known regions and skills, and a sorted set of hours seen. Processor state:
 * one fence hash per partition (offset, max event time, owner epoch) and the dedup buckets.
 * Every key a script touches is passed in KEYS, so a hash-tagged Redis Cluster layout stays possible.
 */
import { hourLabel } from '../../processor/window/window-math.ts';

export const ALL_REGIONS = 'all';

export function trendKey(skill: string, region: string, hourStartMs: number): string {
  return trendKeyOfLabel(skill, region, hourLabel(hourStartMs));
}

/** trendKey for an hour already formatted by hourLabel (the hot sink formats each hour once per batch). */
export function trendKeyOfLabel(skill: string, region: string, label: string): string {
  return `trend:${skill}:${region}:${label}`;
}

/** Sorted set skill → count for one hour, per region or over all regions (`all`). */
export function skillsIndexKey(region: string, hourStartMs: number): string {
  return `pulse:idx:skills:${region}:${hourLabel(hourStartMs)}`;
}

export const REGIONS_KEY = 'pulse:idx:regions';
export const SKILLS_KEY = 'pulse:idx:skills';
/** Sorted set of hour labels, scored by the hour's start in epoch ms. */
export const HOURS_KEY = 'pulse:idx:hours';
/** Pub/sub channel announcing every applied batch's new counts. */
export const UPDATES_CHANNEL = 'pulse:updates';

export function fenceKey(topic: string, partition: number): string {
  return `pulse:fence:${topic}:${partition}`;
}

export function dedupBucketKey(topic: string, partition: number, hourStartMs: number): string {
  return `pulse:dedup:${topic}:${partition}:${hourStartMs}`;
}

/** Sorted set of a partition's dedup bucket hours, so a restart finds them without SCAN. */
export function dedupIndexKey(topic: string, partition: number): string {
  return `pulse:dedup-idx:${topic}:${partition}`;
}

/** List of `version@offset`: the offset from which each taxonomy version counted the partition. */
export function taxonomyLogKey(topic: string, partition: number): string {
  return `pulse:taxonomy-log:${topic}:${partition}`;
}

export function processorHeartbeatKey(processorId: string): string {
  return `pulse:processor:${processorId}`;
}

export const PROCESSORS_KEY = 'pulse:processors';
