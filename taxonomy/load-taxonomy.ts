import type { CompiledTaxonomy } from './compiled-taxonomy.ts';
import { DEFAULT_TAXONOMY_FILE } from './default-taxonomy-file.ts';
import { taxonomyCache } from './taxonomy-cache.ts';

/**
 * The compiled taxonomy for `file` (default: taxonomy/skills.jsonl), built once per process and
 * shared by every caller; after reloadTaxonomy() it returns the reloaded version.
 * Throws PulseError TAXONOMY_INVALID, naming the line, when the file is invalid.
 */
export function loadTaxonomy(file: string = DEFAULT_TAXONOMY_FILE): CompiledTaxonomy {
  return taxonomyCache.current(file);
}
