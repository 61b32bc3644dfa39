/**
 * Every Parquet file of the silver table with its date, region, partition and offset range, read
 * from one walk of `date=*\/region=*`. Files with foreign names (a user's own copy, temporaries)
 * are left out: readers only see what the sink or compaction named.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileNames } from './file-names.ts';
import type { LakePaths } from './lake-paths.ts';
import type { DataFile } from './live-files.ts';

function readDirOrEmpty(dir: string): fs.Dirent[] {
  try {
    return fs.readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

export function listDataFiles(paths: LakePaths): DataFile[] {
  const files: DataFile[] = [];
  for (const dateEntry of readDirOrEmpty(paths.silver)) {
    const date = /^date=(\d{4}-\d{2}-\d{2})$/.exec(dateEntry.name)?.[1];
    if (!dateEntry.isDirectory() || date === undefined) continue;
    for (const regionEntry of readDirOrEmpty(path.join(paths.silver, dateEntry.name))) {
      const region = /^region=(.+)$/.exec(regionEntry.name)?.[1];
      if (!regionEntry.isDirectory() || region === undefined) continue;
      const dir = path.join(paths.silver, dateEntry.name, regionEntry.name);
      for (const entry of readDirOrEmpty(dir)) {
        const parsed = fileNames.parse(entry.name);
        if (!entry.isFile() || parsed === undefined || (parsed.kind !== 'batch' && parsed.kind !== 'compacted')) continue;
        files.push({ path: path.join(dir, entry.name), dir, date, region, kind: parsed.kind, partition: parsed.partition, first: parsed.first, last: parsed.last! });
      }
    }
  }
  return files.sort((a, b) => a.path.localeCompare(b.path));
}
