import fs from 'node:fs';
import path from 'node:path';
import type { CompiledTaxonomy } from './compiled-taxonomy.ts';
import { DEFAULT_TAXONOMY_FILE } from './default-taxonomy-file.ts';
import { reloadTaxonomy } from './reload-taxonomy.ts';
import { loadTaxonomy } from './load-taxonomy.ts';

export interface TaxonomyWatchOptions {
  file?: string;
  /** How often the file's modification time is polled, milliseconds. Default 2000. */
  intervalMs?: number;
  /** Called with each newly compiled version (a content change, not a mere touch). */
  onChange: (compiled: CompiledTaxonomy) => void;
  /** Called when a changed file is invalid; the previous version stays current. Default: ignore. */
  onError?: (error: unknown) => void;
}

export interface TaxonomyWatch {
  stop(): void;
}

/**
 * Watches a taxonomy file and hands over each new compiled version. Polling (fs.watchFile) is used
 * rather than fs.watch because editors replace files by rename, which fs.watch loses on some
 * systems; a taxonomy changes rarely, so a poll every couple of seconds costs nothing.
 */
export function watchTaxonomy(options: TaxonomyWatchOptions): TaxonomyWatch {
  const file = path.resolve(options.file ?? DEFAULT_TAXONOMY_FILE);
  let hash = loadTaxonomy(file).contentHash;
  const listener = (now: fs.Stats, before: fs.Stats): void => {
    if (now.mtimeMs === before.mtimeMs && now.size === before.size) return;
    try {
      const compiled = reloadTaxonomy(file);
      if (compiled.contentHash === hash) return;
      hash = compiled.contentHash;
      options.onChange(compiled);
    } catch (error) {
      options.onError?.(error);
    }
  };
  fs.watchFile(file, { interval: options.intervalMs ?? 2000, persistent: false }, listener);
  return { stop: () => fs.unwatchFile(file, listener) };
}
