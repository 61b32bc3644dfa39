/**
 * Where a posting is: a city chosen by hiring weight and by how busy that city is at the event's
 * local time (so Bengaluru posts while San Francisco sleeps), written in one of the many free-text
 * forms real postings use, sometimes remote or hybrid.
 */
import type { Random } from '../random/create-random.ts';
import { CITIES, type City } from './cities.ts';
import { COUNTRY_BY_CODE, type Country, type MacroRegion } from './countries.ts';
import { postingActivity } from './posting-activity.ts';

export type Workplace = 'onsite' | 'hybrid' | 'remote';

export interface PostingLocation {
  text: string;
  isRemote: boolean;
  workplace: Workplace;
  /** Country code of the city, or of the remote scope when it names one country. */
  country: string | null;
  /** The city the posting belongs to (for remote postings: the company's office that posted it). */
  city: City;
  countryInfo: Country;
  /** For remote postings that name a wider area: e.g. `eu`, `us`, `emea`, `global`. */
  remoteScope: string | null;
}

export interface LocationModel {
  pick(random: Random, eventTimeMs: number): PostingLocation;
  /** Total hiring activity at a moment, summed over all cities (drives backfill's daily cycle). */
  intensity(eventTimeMs: number): number;
}

const HOUR_MS = 3_600_000;
const HOURS_PER_WEEK = 168;
const REMOTE_SHARE = 0.12;
const HYBRID_SHARE = 0.18;

const MACRO_REMOTE_FORMS: Record<MacroRegion, ReadonlyArray<readonly [string, string]>> = {
  na: [['Remote (US)', 'us'], ['Remote - US', 'us'], ['Remote, USA', 'us'], ['Remote (US time zones)', 'us'], ['Remote - North America', 'na']],
  uk: [['Remote (UK)', 'gb'], ['Remote - UK', 'gb'], ['UK Remote', 'gb'], ['Remote - EMEA', 'emea']],
  'eu-west': [['Remote - EU', 'eu'], ['Remote (Europe)', 'eu'], ['Remote - EMEA', 'emea'], ['Europe (Remote)', 'eu']],
  dach: [['Remote - DACH', 'dach'], ['Remote - EU', 'eu'], ['Remote (Europe)', 'eu']],
  nordics: [['Remote - Nordics', 'nordics'], ['Remote - EU', 'eu']],
  'eu-east': [['Remote - EU', 'eu'], ['Remote (CET ±2h)', 'eu'], ['Remote - Europe', 'eu']],
  mena: [['Remote - EMEA', 'emea'], ['Remote (MENA)', 'mena']],
  india: [['Remote - India', 'in'], ['Remote (IST)', 'in'], ['Work from home, India', 'in']],
  apac: [['Remote - APAC', 'apac'], ['Remote (APAC)', 'apac']],
  latam: [['Remote - LATAM', 'latam'], ['Remote (Latin America)', 'latam'], ['Remote - Americas', 'americas']],
  africa: [['Remote - Africa', 'africa'], ['Remote - EMEA', 'emea']],
};
const GLOBAL_REMOTE_FORMS = ['Remote', 'Anywhere', 'Worldwide (Remote)', 'Remote - Anywhere', 'Remote-first'];

function countryNames(city: City, country: Country): readonly string[] {
  return city.countryNames ?? country.names;
}

/** "München, Germany", "Austin, TX", "Toronto, ON, Canada", "NYC", "Berlin" … */
function cityText(random: Random, city: City, country: Country): string {
  const name = random.chance(0.8) ? (city.names[0] as string) : random.pick(city.names);
  const roll = random.next();
  if (city.forms !== undefined && roll < 0.15) return random.pick(city.forms);
  if (city.state !== undefined) {
    const [short, long] = city.state;
    if (roll < 0.6) return `${name}, ${short}`;
    if (roll < 0.72) return `${name}, ${long}`;
    if (roll < 0.86) return `${name}, ${short}, ${random.pick(countryNames(city, country))}`;
    return `${name}, ${random.pick(countryNames(city, country))}`;
  }
  if (roll < 0.85) {
    const names = countryNames(city, country);
    // The first two spellings ("UK", "United Kingdom") are the common ones.
    const countryName = random.chance(0.8) ? (names[random.int(Math.min(2, names.length))] as string) : random.pick(names);
    return `${name}, ${countryName}`;
  }
  return name;
}

function remoteText(random: Random, city: City, country: Country): { text: string; country: string | null; scope: string | null } {
  const roll = random.next();
  if (roll < 0.45) {
    const countryName = random.pick(countryNames(city, country).slice(0, 2));
    const forms = [`Remote - ${countryName}`, `Remote (${countryName})`, `Remote, ${countryName}`, `${countryName} (Remote)`, `Remote in ${countryName}`];
    return { text: random.pick(forms), country: country.code, scope: null };
  }
  if (roll < 0.85) {
    const [text, scope] = random.pick(MACRO_REMOTE_FORMS[country.macroRegion]);
    const singleCountry = scope.length === 2 ? scope : null;
    return { text, country: singleCountry, scope: singleCountry === null ? scope : null };
  }
  return { text: random.pick(GLOBAL_REMOTE_FORMS), country: null, scope: 'global' };
}

function hybridText(random: Random, place: string): string {
  return random.pick([`Hybrid - ${place}`, `${place} (Hybrid)`, `Hybrid: ${place}`, `${place} · Hybrid`, `${place} (hybrid, 3 days in office)`]);
}

function onsiteText(random: Random, place: string): string {
  const roll = random.next();
  if (roll < 0.85) return place;
  if (roll < 0.93) return `${place} (On-site)`;
  return `On-site - ${place}`;
}

export function createLocationModel(): LocationModel {
  // City weights per UTC hour of the week: 168 cumulative tables, built once, so a pick is a
  // binary search instead of 100 time-zone calculations.
  const cumulativeByHour: Float64Array[] = [];
  const totalByHour: number[] = [];
  for (let hour = 0; hour < HOURS_PER_WEEK; hour++) {
    const midHourMs = hour * HOUR_MS + HOUR_MS / 2;
    const cumulative = new Float64Array(CITIES.length);
    let total = 0;
    CITIES.forEach((city, index) => {
      const country = COUNTRY_BY_CODE.get(city.country) as Country;
      total += city.weight * postingActivity(midHourMs, country.utcOffsetHours);
      cumulative[index] = total;
    });
    cumulativeByHour.push(cumulative);
    totalByHour.push(total);
  }
  const hourOfWeek = (timeMs: number) => ((Math.floor(timeMs / HOUR_MS) % HOURS_PER_WEEK) + HOURS_PER_WEEK) % HOURS_PER_WEEK;

  function pickCity(random: Random, timeMs: number): City {
    const hour = hourOfWeek(timeMs);
    const cumulative = cumulativeByHour[hour] as Float64Array;
    const target = random.next() * (totalByHour[hour] as number);
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((cumulative[mid] as number) > target) high = mid;
      else low = mid + 1;
    }
    return CITIES[low] as City;
  }

  return {
    intensity: (timeMs) => totalByHour[hourOfWeek(timeMs)] as number,
    pick(random, eventTimeMs) {
      const city = pickCity(random, eventTimeMs);
      const country = COUNTRY_BY_CODE.get(city.country) as Country;
      const roll = random.next();
      if (roll < REMOTE_SHARE) {
        const remote = remoteText(random, city, country);
        return { text: remote.text, isRemote: true, workplace: 'remote', country: remote.country, city, countryInfo: country, remoteScope: remote.scope };
      }
      const place = cityText(random, city, country);
      if (roll < REMOTE_SHARE + HYBRID_SHARE) {
        return { text: hybridText(random, place), isRemote: false, workplace: 'hybrid', country: country.code, city, countryInfo: country, remoteScope: null };
      }
      return { text: onsiteText(random, place), isRemote: false, workplace: 'onsite', country: country.code, city, countryInfo: country, remoteScope: null };
    },
  };
}
