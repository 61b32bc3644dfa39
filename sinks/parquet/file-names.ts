/**
 * Deterministic file names: a file is named by the Kafka partition and the offset range it covers,
 * so rebuilding it after a crash writes the same name again instead of adding a copy.
 *   staging, open:   p{P}-{first}~{owner}.ndjson  (owner: the cold sink that writes it; older files lack it)
 *   staging, sealed: p{P}-{first}-{last}.sealed     (range frozen)
 *   Parquet:         p{P}-{first}-{last}.parquet    (one per date/region present in the sealed file)
 *   compacted:       c-p{P}-{first}-{last}.parquet  (replaces the files of its directory it covers)
 */
export type FileKind = 'open' | 'sealed' | 'batch' | 'compacted';

export interface ParsedName {
  kind: FileKind;
  partition: number;
  first: number;
  /** Last offset of the range; for an open staging file, undefined (still growing). */
  last: number | undefined;
}

/**
 * An open file carries its writer's owner token: a new owner's file never takes a name a former
 * owner may still hold, so the former owner's late seal (a rename by name) cannot move it away.
 */
export const fileNames = {
  open: (partition: number, first: number, owner: string) => `p${partition}-${first}~${owner}.ndjson`,
  sealed: (partition: number, first: number, last: number) => `p${partition}-${first}-${last}.sealed`,
  batch: (partition: number, first: number, last: number) => `p${partition}-${first}-${last}.parquet`,
  compacted: (partition: number, first: number, last: number) => `c-p${partition}-${first}-${last}.parquet`,
  /** A unique temporary sibling of `name`, never matched by `*.parquet` or the staging patterns. */
  temp: (name: string) => `.${name}.tmp-${process.pid}-${Math.random().toString(36).slice(2, 10)}`,

  parse(name: string): ParsedName | undefined {
    const match = /^(c-)?p(\d+)-(\d+)(?:-(\d+))?(?:~([0-9a-z-]+))?\.(ndjson|sealed|parquet)$/.exec(name);
    if (match === null) return undefined;
    const [, compacted, partition, first, last, owner, extension] = match;
    const kind: FileKind = extension === 'ndjson' ? 'open' : extension === 'sealed' ? 'sealed' : compacted ? 'compacted' : 'batch';
    // An open file has no end yet; every other kind must have one, and compaction only makes Parquet.
    if ((kind === 'open') !== (last === undefined) || (compacted && extension !== 'parquet')) return undefined;
    if (owner !== undefined && kind !== 'open') return undefined;
    const parsed = { kind, partition: Number(partition), first: Number(first), last: last === undefined ? undefined : Number(last) };
    if (parsed.last !== undefined && parsed.last < parsed.first) return undefined;
    return parsed;
  },
};
