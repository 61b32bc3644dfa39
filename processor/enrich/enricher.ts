/**
 * What the processor needs from the taxonomy stage: the stages share these types, and the
 * implementation stays in taxonomy/enricher.ts.
 */
export type { Enricher, Enrichment, EnrichmentInput } from '../../taxonomy/enricher.ts';
