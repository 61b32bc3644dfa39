/**
 * Cities by name from city-timezones (about 7,300 cities with population), each name listing its
 * candidates by population, largest first: "Paris" is Paris, France before any smaller Paris, and a
 * stated state or country picks among them ("Paris, TX"). Built once, on first use.
 */
import cityTimezones from 'city-timezones';
import { placeKey, plainPlaceKey } from './place-key.ts';

export interface CityCandidate {
  name: string;
  /** ISO 3166-1 alpha-2, upper case. */
  country: string;
  province: string;
  population: number;
}

let byName: Map<string, CityCandidate[]> | undefined;

export function cityIndex(): Map<string, CityCandidate[]> {
  if (byName !== undefined) return byName;
  const index = new Map<string, CityCandidate[]>();
  for (const entry of cityTimezones.cityMapping) {
    const candidate: CityCandidate = { name: entry.city, country: entry.iso2, province: entry.province, population: entry.pop };
    const keys = new Set([placeKey(entry.city), plainPlaceKey(entry.city), placeKey(entry.city_ascii)]);
    for (const key of keys) {
      if (key === '') continue;
      const list = index.get(key);
      if (list === undefined) index.set(key, [candidate]);
      else list.push(candidate);
    }
  }
  for (const list of index.values()) list.sort((a, b) => b.population - a.population);
  byName = index;
  return index;
}
