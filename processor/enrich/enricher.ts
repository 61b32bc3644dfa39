/** What the processor needs from the taxonomy stage (implemented in taxonomy/enricher.ts). */
import type { ExperienceLevel } from '../../core/enriched-row.ts';

export interface EnrichmentInput {
  title: string;
  description: string;
  location: string | null;
  is_remote?: boolean;
}

export interface Enrichment {
  skills: string[];
  region: string;
  region_area: string | null;
  city: string | null;
  subdivision: string | null;
  is_remote: boolean;
  experience_level: ExperienceLevel;
}

export interface Enricher {
  readonly taxonomyVersion: string;
  enrich(input: EnrichmentInput): Enrichment;
}
