/**
 * Which Parquet files are live data. Compaction renames a merged file in before it deletes the
 * files it replaces, so for a moment both exist; a file is hidden as soon as a compacted file in
 * the same directory, for the same Kafka partition, covers its whole offset range. Readers apply
 * this to one directory listing, so no row is ever visible twice (and none is hidden before its
 * replacement exists).
 */
export interface DataFile {
  /** Absolute path. */
  path: string;
  /** The file's directory (date and region). */
  dir: string;
  date: string;
  region: string;
  kind: 'batch' | 'compacted';
  partition: number;
  first: number;
  last: number;
}

export function liveFiles<T extends DataFile>(files: readonly T[]): T[] {
  const compactedByGroup = new Map<string, T[]>();
  for (const file of files) {
    if (file.kind !== 'compacted') continue;
    const group = `${file.dir}\u0000${file.partition}`;
    compactedByGroup.set(group, [...(compactedByGroup.get(group) ?? []), file]);
  }
  return files.filter((file) => {
    const covering = compactedByGroup.get(`${file.dir}\u0000${file.partition}`) ?? [];
    return !covering.some((c) => c.path !== file.path && c.first <= file.first && file.last <= c.last);
  });
}
