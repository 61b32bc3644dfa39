/**
 * Free-text location → region (rules with examples in taxonomy/README.md#regions):
 * 1. Remote markers ("Remote", "WFH", "anywhere", "worldwide") set is_remote; "Hybrid" clears it.
 *    Markers and filler words are removed; what is left is split into parts at commas, brackets,
 *    slashes, " - " and "or"/"and".
 * 2. Each part is read as a remote area ("EU", "EMEA"), a UK nation, a known place name (NYC, SF,
 *    LA, München), a two-letter code (US state,
 *    Canadian province or ISO country), a country name (several languages), a US state or Canadian
 *    province name, or a city; a part that is none of these is
 *    tried as "<city> <country or state>" ("Austin TX", "Berlin Germany").
 * 3. A city with several candidates takes the one in the stated country or state, else the most
 *    populous ("Paris" → France, "Paris, TX" → US, "London, ON" → Canada). A two-letter code means
 *    what the city around it agrees with ("Toronto, CA" → Canada, "San Francisco, CA" → US); alone
 *    it is a US state first, then a Canadian province, then a country ("CA" → US, California).
 *    A name that is a country and a US state ("Georgia") is the US state only next to a US city or
 *    the US, otherwise the country.
 * 4. region: the country's code (`uk` for GB); else `remote` when remote; else `unknown`.
 */
import countries from 'i18n-iso-countries';
import { CANADA_PROVINCES } from './canada-provinces.ts';
import { cityIndex, type CityCandidate } from './city-index.ts';
import { countryNames } from './country-names.ts';
import type { LocationResolution } from './location-resolution.ts';
import { PLACE_ALIASES } from './place-aliases.ts';
import { placeKey, plainPlaceKey } from './place-key.ts';
import { REMOTE_AREAS } from './remote-areas.ts';
import { UK_NATIONS } from './uk-nations.ts';
import { US_STATES } from './us-states.ts';

/** One way to read a part: a country, optionally with a subdivision. */
interface Place { country: string; subdivision: string | null }

type Part =
  | { kind: 'area'; label: string }
  | { kind: 'places'; options: Place[] } // a code or name that may mean several places, most likely first
  | { kind: 'city'; text: string; candidates: CityCandidate[]; country: string | null };

const REMOTE = /\b(?:remote(?:ly)?|wfh|work(?:ing)? from home|home[- ]?based|home[- ]?office|telecommut\w*|anywhere|worldwide|distributed|fully flexible)\b/i;
const HYBRID = /\bhybrid\b/i;
const MARKERS = /\b(?:100\s*%|fully|remote(?:ly)?|hybrid|on[- ]?site|in[- ]office|office|wfh|work(?:ing)? from home|home[- ]?based|home[- ]?office|telecommut\w*|distributed|flexible|friendly|first|only|possible|optional|option|ok|okay|position|role|job|jobs|based|within|from|across|timezones?|time zones?|multiple locations|various locations|locations?)\b/gi;
// Lower-case connectors only: "IN" is Indiana, "The Hague" keeps its capital.
const CONNECTORS = /\b(?:in|the|of the|near)\b/g;
const EDGE_PUNCTUATION = /^[\s:*'"!?]+|[\s:*'"!?]+$/g;
const SPLIT = /[,;|()\[\]\/•·+]|\s+[-–—]+\s*|\s*[-–—]+\s+|^[-–—]+|[-–—]+$|\s+(?:or|and|&)\s+/;

const STATE_BY_NAME = new Map(Object.values(US_STATES).map((name) => [placeKey(name), name]));
const PROVINCE_BY_NAME = new Map(Object.values(CANADA_PROVINCES).flatMap((name) => [[placeKey(name), name], [plainPlaceKey(name), name]]));

function regionOf(country: string): string {
  return country === 'GB' ? 'uk' : country.toLowerCase();
}

function codeOptions(code: string): Place[] {
  const upper = code.toUpperCase();
  const options: Place[] = [];
  if (US_STATES[upper] !== undefined) options.push({ country: 'US', subdivision: US_STATES[upper]! });
  if (CANADA_PROVINCES[upper] !== undefined) options.push({ country: 'CA', subdivision: CANADA_PROVINCES[upper]! });
  if (upper === 'UK') options.push({ country: 'GB', subdivision: null });
  else if (countries.isValid(upper)) options.push({ country: upper, subdivision: null });
  return options;
}

function classify(text: string, depth = 0): Part[] {
  const key = placeKey(text);
  if (key === '' || key.length > 60) return [];
  const area = REMOTE_AREAS[key];
  if (area !== undefined) return [{ kind: 'area', label: area }];
  if (UK_NATIONS[key] !== undefined) return [{ kind: 'places', options: [{ country: 'GB', subdivision: UK_NATIONS[key]! }] }];
  const alias = PLACE_ALIASES[key];
  const cities = cityIndex();
  if (alias !== undefined) {
    const candidates = (cities.get(placeKey(alias.city)) ?? []).filter((city) => city.country === alias.country);
    return [{ kind: 'city', text: alias.city, candidates, country: alias.country }];
  }
  if (/^[a-z]{2}$/.test(key)) {
    const options = codeOptions(key);
    if (options.length > 0) return [{ kind: 'places', options }];
  }
  if (/^[A-Z]{3}$/.test(text.trim())) {
    const code = countries.alpha3ToAlpha2(text.trim());
    if (code !== undefined) return [{ kind: 'places', options: [{ country: code, subdivision: null }] }];
  }
  const country = countryNames().get(key) ?? countryNames().get(plainPlaceKey(text));
  const state = STATE_BY_NAME.get(key);
  const province = PROVINCE_BY_NAME.get(key) ?? PROVINCE_BY_NAME.get(plainPlaceKey(text));
  const candidates = cities.get(key) ?? cities.get(plainPlaceKey(text)) ?? [];
  // "New York" is the city in the state of the same name; "Georgia" the country unless the US is in sight.
  if (state !== undefined && candidates.some((city) => city.country === 'US' && city.province === state)) {
    return [{ kind: 'city', text, candidates: candidates.filter((city) => city.country === 'US'), country: 'US' }];
  }
  // A city-state or a capital written as the country ("Singapore", "Luxembourg").
  const namesake = country === undefined ? undefined : candidates.find((city) => city.country === country);
  if (namesake !== undefined && state === undefined) return [{ kind: 'city', text, candidates: [namesake], country: country! }];
  if (country !== undefined || state !== undefined || province !== undefined) {
    const options: Place[] = [];
    if (country !== undefined) options.push({ country, subdivision: null });
    if (state !== undefined) options.push({ country: 'US', subdivision: state });
    if (province !== undefined) options.push({ country: 'CA', subdivision: province });
    return [{ kind: 'places', options }];
  }
  if (candidates.length > 0) return [{ kind: 'city', text, candidates, country: null }];
  // "Austin TX", "Berlin Germany", "New York NY": a city followed by where it is.
  const words = text.trim().split(/\s+/);
  if (depth === 0 && words.length >= 2) {
    for (let tail = 1; tail <= Math.min(3, words.length - 1); tail++) {
      const where = classify(words.slice(-tail).join(' '), 1);
      if (where.length !== 1 || where[0]!.kind === 'city') continue;
      const what = classify(words.slice(0, -tail).join(' '), 1);
      return [...what, ...where];
    }
  }
  return [];
}

function pickCity(candidates: readonly CityCandidate[], place: Place | null): CityCandidate | undefined {
  if (place === null) return candidates[0];
  return candidates.find((city) => city.country === place.country && (place.subdivision === null || plainPlaceKey(city.province) === plainPlaceKey(place.subdivision)))
    ?? candidates.find((city) => city.country === place.country);
}

export function resolveLocation(location: string | null | undefined): LocationResolution {
  const unknown: LocationResolution = { region: 'unknown', region_area: null, city: null, subdivision: null, is_remote: false };
  if (location === null || location === undefined) return unknown;
  const text = location.normalize('NFKC').slice(0, 200).trim();
  if (text === '') return unknown;
  const isRemote = REMOTE.test(text) && !HYBRID.test(text);
  const whole = PLACE_ALIASES[placeKey(text.replace(/,/g, ' '))];
  const parts = whole !== undefined
    ? classify(text.replace(/,/g, ' '))
    : text.replace(MARKERS, ' ').replace(CONNECTORS, ' ').split(SPLIT).map((part) => part.replace(EDGE_PUNCTUATION, '')).filter((part) => part !== '').flatMap((part) => classify(part));

  const areas = parts.filter((part) => part.kind === 'area').map((part) => part.label);
  const area = areas.find((label) => label !== 'Worldwide') ?? areas[0] ?? null;
  const places = parts.filter((part) => part.kind === 'places');
  const city = parts.find((part) => part.kind === 'city');

  // Choose what the place parts mean: the reading a city agrees with, else each part's first reading.
  let place: Place | null = null;
  for (const part of places) {
    const agreed = city === undefined ? undefined : part.options.find((option) => pickCity(city.candidates, option)?.country === option.country && (option.subdivision === null || pickCity(city.candidates, option)?.province !== undefined && plainPlaceKey(pickCity(city.candidates, option)!.province) === plainPlaceKey(option.subdivision)));
    const usInSight = places.some((other) => other !== part && other.options[0]?.country === 'US') || city?.country === 'US';
    const chosen = agreed ?? (usInSight ? part.options.find((option) => option.country === 'US') : undefined) ?? part.options[0]!;
    if (place === null || (place.subdivision === null && chosen.subdivision !== null && chosen.country === place.country)) place = chosen;
    else if (place.subdivision !== null && chosen.subdivision === null && chosen.country !== place.country && agreed !== undefined) place = chosen;
  }
  let cityName: string | null = null;
  let subdivision = place?.subdivision ?? null;
  let country = place?.country ?? city?.country ?? null;
  if (city !== undefined) {
    const match = pickCity(city.candidates, country === null ? null : { country, subdivision });
    if (match !== undefined) {
      cityName = match.name;
      country ??= match.country;
      if (subdivision === null && match.country !== 'GB') subdivision = match.province === '' ? null : match.province;
    } else if (country !== null) {
      cityName = city.text.trim();
    }
  }
  if (country === null) return { region: isRemote ? 'remote' : 'unknown', region_area: area, city: null, subdivision: null, is_remote: isRemote };
  return { region: regionOf(country), region_area: null, city: cityName, subdivision, is_remote: isRemote };
}
