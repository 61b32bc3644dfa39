/**
 * The cold store's recount of the hot path: for every (skill, region, hour) in a range, the number
 * of non-late rows carrying the skill, keyed like Redis (`trend:{skill}:{region}:{YYYY-MM-DD-HH}`).
 * With an enricher, skills are extracted again from the stored title and description (a new
 * taxonomy version) instead of read from the row.
 */
import type { Enricher } from '../../processor/enrich/enricher.ts';
import type { HourRange } from './parse-hour-range.ts';
import { runLakeQuery } from './run-lake-query.ts';

const HOUR_MS = 3_600_000;

export interface ColdHourCounts {
  counts: Map<string, number>;
  /** Non-late rows in the range. */
  rows: number;
}

export async function coldHourCounts(lakeDir: string, range: HourRange, reenrich?: Enricher): Promise<ColdHourCounts> {
  const fromDate = new Date(range.fromMs).toISOString().slice(0, 10);
  const toDate = new Date(range.toMs).toISOString().slice(0, 10);
  return runLakeQuery(lakeDir, async (lake) => {
    // The date bounds let DuckDB prune partitions; the time bounds are exact.
    const where = `NOT late AND date BETWEEN $fromDate::DATE AND $toDate::DATE AND posted_at >= epoch_ms($fromMs) AND posted_at < epoch_ms($endMs)`;
    const params = { fromDate, toDate, fromMs: range.fromMs, endMs: range.toMs + HOUR_MS };
    const hour = `strftime(date_trunc('hour', posted_at), '%Y-%m-%d-%H')`;
    const counts = new Map<string, number>();
    const add = (skill: string, region: string, label: string, n: number) => {
      const key = `trend:${skill}:${region}:${label}`;
      counts.set(key, (counts.get(key) ?? 0) + n);
    };
    if (reenrich === undefined) {
      const reader = await lake.select(
        `SELECT skill, region, ${hour} AS hour, count(*)::BIGINT AS n
         FROM (SELECT unnest(skills) AS skill, region, posted_at FROM silver_job_postings WHERE ${where}) GROUP BY ALL`,
        params,
      );
      for (const [skill, region, label, n] of reader.getRowsJS()) add(String(skill), String(region), String(label), Number(n));
    } else {
      const reader = await lake.select(`SELECT title, description, location, region, ${hour} AS hour FROM silver_job_postings WHERE ${where}`, params);
      for (const [title, description, location, region, label] of reader.getRowsJS()) {
        const { skills } = reenrich.enrich({ title: String(title), description: String(description), location: location === null ? null : String(location) });
        for (const skill of skills) add(skill, String(region), String(label), 1);
      }
    }
    const total = await lake.select(`SELECT count(*)::BIGINT FROM silver_job_postings WHERE ${where}`, params);
    return { counts, rows: Number(total.getRowsJS()[0]![0]) };
  });
}
