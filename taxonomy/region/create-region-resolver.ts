import type { LocationResolution } from './location-resolution.ts';
import { resolveLocation } from './resolve-location.ts';

export interface RegionResolverOptions {
  /** Most distinct location strings remembered (least recently used dropped first). Default 10,000. */
  maxEntries?: number;
}

export interface RegionResolver {
  resolve(location: string | null | undefined): LocationResolution;
  readonly size: number;
}

/**
 * resolveLocation() with a bounded LRU cache: postings repeat the same few thousand location
 * strings, so the hot path mostly pays one Map lookup. Results are frozen because they are shared.
 */
export function createRegionResolver(options: RegionResolverOptions = {}): RegionResolver {
  const maxEntries = options.maxEntries ?? 10_000;
  if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new RangeError(`maxEntries must be a whole number ≥ 1, got ${maxEntries}`);
  const cache = new Map<string, LocationResolution>();
  const absent = Object.freeze(resolveLocation(null));
  return {
    resolve(location) {
      if (location === null || location === undefined) return absent;
      const hit = cache.get(location);
      if (hit !== undefined) {
        // Move to the back: Map keeps insertion order, so the front is the least recently used.
        cache.delete(location);
        cache.set(location, hit);
        return hit;
      }
      const resolved = Object.freeze(resolveLocation(location));
      if (cache.size >= maxEntries) cache.delete(cache.keys().next().value!);
      cache.set(location, resolved);
      return resolved;
    },
    get size() {
      return cache.size;
    },
  };
}
