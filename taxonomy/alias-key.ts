/**
 * The comparison key of an alias: what the matcher compares text against. Case, Unicode width
 * (NFKC) and the difference between hyphens and runs of whitespace do not matter, so "Scikit-Learn",
 * "scikit learn" and "scikit  learn" are one alias. The validator uses the same key, so two aliases
 * that the matcher could not tell apart are reported as a duplicate.
 */
export function aliasKey(alias: string): string {
  return alias.normalize('NFKC').toLowerCase().replace(/[\s\-]+/g, ' ').trim();
}
