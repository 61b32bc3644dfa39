/**
 * The enrichment step the processor calls for every valid event: skills (canonical taxonomy ids,
 * from title + description), region fields (from the location text) and experience level (from the
 * title, then description cues). The compiled taxonomy is shared by every enricher of the process
 * ("broadcast", see load-taxonomy.ts); each enricher keeps its own bounded cache of resolved
 * locations. An enricher is bound to one taxonomy version for its whole life: to roll out a new
 * version, reloadTaxonomy() and create a new enricher, and switch to it at an offset.
 */
import type { ExperienceLevel } from '../core/enriched-row.ts';
import type { CompiledTaxonomy } from './compiled-taxonomy.ts';
import { loadTaxonomy } from './load-taxonomy.ts';
import { createRegionResolver } from './region/create-region-resolver.ts';
import { inferExperienceLevel } from './seniority/infer-experience-level.ts';

export interface EnrichmentInput {
  title: string;
  description: string;
  location: string | null;
  /** As the event stated it; when absent it is inferred from the location text. */
  is_remote?: boolean;
}

export interface Enrichment {
  /** Canonical skill ids, each once, in order of first appearance (title first, then description). */
  skills: string[];
  /** Lower-case ISO country code (`uk` for the United Kingdom), `remote` or `unknown`. */
  region: string;
  region_area: string | null;
  city: string | null;
  subdivision: string | null;
  is_remote: boolean;
  experience_level: ExperienceLevel;
}

export interface Enricher {
  /** Version of the taxonomy this enricher uses; every enriched row records it. */
  readonly taxonomyVersion: string;
  enrich(input: EnrichmentInput): Enrichment;
}

export interface EnricherOptions {
  /** Taxonomy file. Default taxonomy/skills.jsonl. Ignored when `taxonomy` is given. */
  taxonomyFile?: string;
  /** An already compiled taxonomy, e.g. the one reloadTaxonomy() returned. */
  taxonomy?: CompiledTaxonomy;
  /** Distinct location strings whose resolution is cached. Default 10,000. */
  locationCacheEntries?: number;
}

export function createEnricher(options: EnricherOptions = {}): Enricher {
  const compiled = options.taxonomy ?? loadTaxonomy(options.taxonomyFile);
  const { matcher } = compiled;
  const regions = createRegionResolver({ maxEntries: options.locationCacheEntries ?? 10_000 });
  return {
    taxonomyVersion: compiled.version,
    enrich(input) {
      const place = regions.resolve(input.location);
      return {
        // Two texts: no alias, list or context runs from the title's end into the description.
        skills: matcher.extractEach([input.title, input.description]),
        region: place.region,
        region_area: place.region_area,
        city: place.city,
        subdivision: place.subdivision,
        is_remote: input.is_remote ?? place.is_remote,
        experience_level: inferExperienceLevel(input.title, input.description),
      };
    },
  };
}
