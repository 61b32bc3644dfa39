/**
 * Where the cold store keeps things under the lake directory:
 *   _staging/                                   per-partition staging files (open `.ndjson`, frozen `.sealed`)
 *   silver_job_postings/date=YYYY-MM-DD/region=xx/  the Parquet files readers see
 * Temporary files carry a `.tmp-…` suffix, so the readers' `*.parquet` never matches them.
 */
import path from 'node:path';
import { REPO_ROOT } from '../../core/config.ts';
import { SILVER_TABLE } from './silver-schema.ts';

export interface LakePaths {
  root: string;
  staging: string;
  silver: string;
  partitionDir(date: string, region: string): string;
  compactLock: string;
}

/** Region values are lower-case codes; anything else is made path-safe for the directory name. */
function regionDirValue(region: string): string {
  return /^[a-z0-9_-]+$/.test(region) ? region : region.toLowerCase().replace(/[^a-z0-9_-]/g, '_') || '_';
}

/** The lake directory: `PULSE_LAKE_DIR`, or `lake/` in the repository. */
export function defaultLakeDir(env: Record<string, string | undefined> = process.env): string {
  return path.resolve(env.PULSE_LAKE_DIR || path.join(REPO_ROOT, 'lake'));
}

export function lakePaths(lakeDir: string): LakePaths {
  const root = path.resolve(lakeDir);
  const silver = path.join(root, SILVER_TABLE);
  return {
    root,
    staging: path.join(root, '_staging'),
    silver,
    partitionDir: (date, region) => path.join(silver, `date=${date}`, `region=${regionDirValue(region)}`),
    compactLock: path.join(root, '_compact.lock'),
  };
}
