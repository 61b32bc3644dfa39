/**
 * What the history endpoint needs from the cold store: daily counts of a skill (optionally in one
 * region) between two UTC dates, both included. sinks/parquet's DuckDB query implements it.
 */
export interface DailyCount {
  date: string;
  count: number;
}

export interface HistorySource {
  dailyCounts(skill: string, fromDate: string, toDate: string, region?: string): Promise<DailyCount[]>;
}
