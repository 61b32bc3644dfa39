import type { LocationResolution } from './location-resolution.ts';
import { resolveLocation } from './resolve-location.ts';

export interface RegionResolverOptions {
  /** Location strings always remembered: the most recently used this many (up to twice as many are held). Default 10,000. */
  maxEntries?: number;
}

export interface RegionResolver {
  resolve(location: string | null | undefined): LocationResolution;
  readonly size: number;
}

/**
 * resolveLocation() with a bounded cache of recently used locations: postings repeat the same few
 * thousand location strings, so the hot path mostly pays one Map lookup. The cache keeps two
 * generations of up to maxEntries each: a hit in the current one costs nothing more; a hit in the
 * previous one moves the entry forward; when the current one is full it becomes the previous one
 * and the oldest generation is dropped. So every location used within the last maxEntries
 * insertions stays, as in an LRU of maxEntries, without reordering a Map on every hit; at most
 * 2 × maxEntries are held. Results are frozen because they are shared.
 */
export function createRegionResolver(options: RegionResolverOptions = {}): RegionResolver {
  const maxEntries = options.maxEntries ?? 10_000;
  if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new RangeError(`maxEntries must be a whole number ≥ 1, got ${maxEntries}`);
  let current = new Map<string, LocationResolution>();
  let previous = new Map<string, LocationResolution>();
  const absent = Object.freeze(resolveLocation(null));
  return {
    resolve(location) {
      if (location === null || location === undefined) return absent;
      const hit = current.get(location);
      if (hit !== undefined) return hit;
      const resolved = previous.get(location) ?? Object.freeze(resolveLocation(location));
      if (current.size >= maxEntries) {
        previous = current;
        current = new Map();
      }
      current.set(location, resolved);
      return resolved;
    },
    get size() {
      let distinct = current.size;
      for (const location of previous.keys()) if (!current.has(location)) distinct++;
      return distinct;
    },
  };
}
