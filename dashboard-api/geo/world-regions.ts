/**
 * The world map of the heatmap as GeoJSON whose features carry the pipeline's region id. Built
 * once on the server: world-atlas keys countries by ISO 3166 numeric code, the pipeline by
 * lower-case alpha-2 (with `uk` for the United Kingdom), and the browser then needs neither
 * topojson-client nor a code table.
 */
import { createRequire } from 'node:module';
import countries from 'i18n-iso-countries';
import { feature } from 'topojson-client';

const require = createRequire(import.meta.url);

/** Alpha-2 codes the pipeline spells differently. */
const REGION_ALIASES: Record<string, string> = { gb: 'uk' };

export function regionOfNumericCode(numeric: string | number | undefined): string | null {
  if (numeric === undefined) return null;
  const alpha2 = countries.numericToAlpha2(String(numeric).padStart(3, '0'));
  if (alpha2 === undefined) return null;
  const lower = alpha2.toLowerCase();
  return REGION_ALIASES[lower] ?? lower;
}

let cached: string | undefined;

/** The GeoJSON text (about 250 KB); computed on first use. */
export function worldRegionsGeoJson(): string {
  if (cached !== undefined) return cached;
  const topology = require('world-atlas/countries-110m.json') as { objects: { countries: unknown } };
  const collection = feature(topology, topology.objects.countries);
  for (const country of collection.features) {
    country.properties = { name: country.properties.name, region: regionOfNumericCode(country.id) };
  }
  cached = JSON.stringify(collection);
  return cached;
}
