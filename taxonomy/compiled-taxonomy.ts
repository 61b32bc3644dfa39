import type { SkillMatcher } from './matcher/compile-matcher.ts';
import type { Taxonomy } from './taxonomy-types.ts';

/** A taxonomy file compiled once: what every partition and enricher of the process shares. */
export interface CompiledTaxonomy {
  /** Absolute path of the file it was read from. */
  readonly file: string;
  /** SHA-256 of the file's bytes (hex): the cache key together with the path. */
  readonly contentHash: string;
  /** The version string from the file's header line; every enriched row records it. */
  readonly version: string;
  readonly taxonomy: Taxonomy;
  readonly matcher: SkillMatcher;
}
