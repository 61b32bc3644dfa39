/**
 * The process-wide cache behind the taxonomy "broadcast": a file is parsed and compiled once per
 * distinct content, keyed by absolute path + SHA-256 of its bytes, and every caller gets the same
 * compiled matcher. `current` remembers, per path, the compiled version last loaded, so
 * loadTaxonomy() needs no file access after the first call and reloadTaxonomy() can move it on.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PulseError } from '../core/errors.ts';
import type { CompiledTaxonomy } from './compiled-taxonomy.ts';
import { compileMatcher } from './matcher/compile-matcher.ts';
import { parseTaxonomy } from './parse-taxonomy.ts';

const byContent = new Map<string, CompiledTaxonomy>();
const current = new Map<string, CompiledTaxonomy>();

function readCompiled(file: string): CompiledTaxonomy {
  const absolute = path.resolve(file);
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(absolute);
  } catch (error) {
    throw new PulseError('TAXONOMY_INVALID', `cannot read taxonomy file ${absolute}: ${(error as Error).message}`, { cause: error });
  }
  const contentHash = createHash('sha256').update(bytes).digest('hex');
  const key = `${absolute}\u0000${contentHash}`;
  let compiled = byContent.get(key);
  if (compiled === undefined) {
    const taxonomy = parseTaxonomy(bytes.toString('utf8'), path.relative(process.cwd(), absolute) || absolute);
    compiled = { file: absolute, contentHash, version: taxonomy.version, taxonomy, matcher: compileMatcher(taxonomy) };
    byContent.set(key, compiled);
  }
  current.set(absolute, compiled);
  return compiled;
}

export const taxonomyCache = {
  /** The compiled taxonomy last loaded for `file`, reading and compiling it on first use. */
  current(file: string): CompiledTaxonomy {
    return current.get(path.resolve(file)) ?? readCompiled(file);
  },
  /** Reads `file` again; compiles only when its content is new. Throws TAXONOMY_INVALID and keeps the previous version when the file is bad. */
  reread(file: string): CompiledTaxonomy {
    return readCompiled(file);
  },
  /** Forgets everything (tests). */
  clear(): void {
    byContent.clear();
    current.clear();
  },
};
