/**
 * History from the cold store for the dashboard: daily posting counts of a skill, through the same
 * gate and locked, read-only DuckDB connection as `pulse sql`; the skill and region are bound
 * parameters, never spliced into the SQL. Each call opens a fresh view, so files rotated in
 * or compacted since the last call are seen at once.
 */
import { PulseError } from '../../core/errors.ts';
import { runLakeQuery } from './run-lake-query.ts';

export interface DailyCount {
  /** `YYYY-MM-DD` (UTC). */
  date: string;
  count: number;
}

export interface ColdQuery {
  /**
   * Postings per day that list `skill`, from `fromDate` to `toDate` inclusive (`YYYY-MM-DD`, UTC),
   * in one region or all; late rows included (they are real postings). Days without postings are
   * absent. Both dates prune partitions.
   */
  dailyCounts(skill: string, fromDate: string, toDate: string, region?: string): Promise<DailyCount[]>;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function createColdQuery(options: { lakeDir: string }): ColdQuery {
  return {
    async dailyCounts(skill, fromDate, toDate, region) {
      for (const [name, value] of [['fromDate', fromDate], ['toDate', toDate]] as const) {
        if (!DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) throw new PulseError('CONFIG_INVALID', `${name}=${value} is not YYYY-MM-DD`);
      }
      const regionFilter = region === undefined ? '' : 'AND region = $region';
      const params: Record<string, string> = { skill, fromDate, toDate, ...(region !== undefined && { region }) };
      return runLakeQuery(options.lakeDir, async (lake) => {
        const reader = await lake.select(
          `SELECT strftime(date, '%Y-%m-%d') AS date, count(*)::INTEGER AS count FROM silver_job_postings
           WHERE date BETWEEN $fromDate::DATE AND $toDate::DATE ${regionFilter} AND list_contains(skills, $skill)
           GROUP BY ALL ORDER BY 1`,
          params,
        );
        return reader.getRowObjectsJS().map((row) => ({ date: String(row.date), count: Number(row.count) }));
      });
    },
  };
}
