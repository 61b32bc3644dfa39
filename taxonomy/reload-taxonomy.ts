import type { CompiledTaxonomy } from './compiled-taxonomy.ts';
import { DEFAULT_TAXONOMY_FILE } from './default-taxonomy-file.ts';
import { taxonomyCache } from './taxonomy-cache.ts';

/**
 * Reads the taxonomy file again and returns its compiled form: the same object as before when the
 * content did not change, a newly compiled one (with its own `version`) when it did. Later
 * loadTaxonomy()/createEnricher() calls for the file get the new one; objects already handed out
 * keep working on the old one, so a processor can switch at an offset of its choosing.
 * An invalid file throws PulseError TAXONOMY_INVALID and leaves the current version in place.
 */
export function reloadTaxonomy(file: string = DEFAULT_TAXONOMY_FILE): CompiledTaxonomy {
  return taxonomyCache.reread(file);
}
