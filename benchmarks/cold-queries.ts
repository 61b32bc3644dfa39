/**
 * The cold path over 30 days of history: the generator's backfill (default chaos) is run through
 * the processor's CPU path and the real cold sink (staging → Parquet), giving the cold write rate in
 * rows/s; then the README's example queries run over the 30 days, each timed several times through
 * `pulse sql`'s own locked-down path. Results: benchmarks/results/cold-queries.md.
 *
 *   node --import tsx benchmarks/cold-queries.ts [--rows 300000] [--days 30] [--runs 5]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT } from '../core/config.ts';
import type { ConsumedMessage } from '../core/kafka/types.ts';
import { createEventGenerator } from '../generator/create-event-generator.ts';
import { DEFAULT_DECODE_OPTIONS } from '../processor/decode/decode-record.ts';
import { newPartitionState } from '../processor/runner/partition-state.ts';
import { processBatch } from '../processor/runner/process-batch.ts';
import { createColdSink } from '../sinks/parquet/cold-sink.ts';
import { runSql } from '../sinks/query/run-sql.ts';
import { createEnricher } from '../taxonomy/enricher.ts';
import { median } from './lib/stats.ts';

const { values: flags } = parseArgs({
  options: { rows: { type: 'string', default: '300000' }, days: { type: 'string', default: '30' }, runs: { type: 'string', default: '5' }, help: { type: 'boolean', default: false } },
});
if (flags.help) {
  process.stdout.write('Usage: node --import tsx benchmarks/cold-queries.ts [--rows 300000] [--days 30] [--runs 5]\n');
  process.exit(0);
}
const rows = Number(flags.rows);
const days = Number(flags.days);
const runs = Number(flags.runs);
const PARTITIONS = 3;
const BATCH = 2000;

export const EXAMPLE_QUERIES: Record<string, string> = {
  'top 10 skills per region, last 7 days': `SELECT region, skill, postings FROM (
  SELECT region, skill, count(*) AS postings, row_number() OVER (PARTITION BY region ORDER BY count(*) DESC, skill) AS rank
  FROM (SELECT region, unnest(skills) AS skill FROM silver_job_postings WHERE date >= current_date - INTERVAL 7 DAY)
  GROUP BY region, skill) WHERE rank <= 10 ORDER BY region, rank`,
  'share of remote postings per region': `SELECT region, count(*) AS postings, round(100.0 * avg(is_remote::INTEGER), 1) AS remote_pct
FROM silver_job_postings GROUP BY ALL ORDER BY postings DESC`,
  'skills asked for together with kafka': `SELECT other, count(*) AS together
FROM (SELECT unnest(skills) AS other FROM silver_job_postings WHERE list_contains(skills, 'kafka'))
WHERE other <> 'kafka' GROUP BY ALL ORDER BY together DESC LIMIT 15`,
  'all skill pairs, top 20': `SELECT a, b, count(*) AS together
FROM (SELECT s1.a, s2.b FROM silver_job_postings p, unnest(p.skills) AS s1(a), unnest(p.skills) AS s2(b) WHERE s1.a < s2.b)
GROUP BY ALL ORDER BY together DESC LIMIT 20`,
  'daily postings of one skill in one region (pruned)': `SELECT date, count(*) AS postings FROM silver_job_postings
WHERE region = 'de' AND date >= current_date - INTERVAL 14 DAY AND list_contains(skills, 'python') GROUP BY ALL ORDER BY date`,
};

const lakeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-cold-queries-'));
try {
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const now = Date.now();
  log(`generating ${rows} records over ${days} days…`);
  const generator = createEventGenerator({ seed: 'cold-queries', count: rows, startTime: now - days * 86_400_000, spanMs: days * 86_400_000 - 60_000 });
  const byPartition: ConsumedMessage[][] = Array.from({ length: PARTITIONS }, () => []);
  for (const record of generator) {
    const partition = (record.key?.[record.key.length - 1] ?? 0) % PARTITIONS;
    const list = byPartition[partition]!;
    list.push({ offset: String(list.length), key: record.key, value: record.value, headers: {}, timestamp: String(now) });
  }
  const enricher = createEnricher();
  const cold = createColdSink({ lakeDir, maxStagedRows: 100_000 });
  let stored = 0;
  const started = performance.now();
  for (let partition = 0; partition < PARTITIONS; partition += 1) {
    await cold.recover(partition, -1);
    const state = newPartitionState(partition, 3_600_000);
    const messages = byPartition[partition]!;
    for (let start = 0; start < messages.length; start += BATCH) {
      const outcome = processBatch(state, messages.slice(start, start + BATCH), enricher, { allowedLatenessMs: 2 * 3_600_000, decode: DEFAULT_DECODE_OPTIONS }, Date.now());
      await cold.stage(outcome);
      stored += outcome.rows.length;
    }
  }
  await cold.close();
  const writeSeconds = (performance.now() - started) / 1000;
  const files = fs.readdirSync(path.join(lakeDir, 'silver_job_postings'), { recursive: true }).filter((name) => String(name).endsWith('.parquet'));
  const bytes = files.reduce((sum, name) => sum + fs.statSync(path.join(lakeDir, 'silver_job_postings', String(name))).size, 0);
  log(`stored ${stored} rows in ${writeSeconds.toFixed(1)} s; timing queries…`);

  const timings: Array<{ name: string; medianMs: number; minMs: number; maxMs: number; resultRows: number }> = [];
  for (const [name, sql] of Object.entries(EXAMPLE_QUERIES)) {
    const samples: number[] = [];
    let resultRows = 0;
    for (let run = 0; run < runs; run += 1) {
      const queryStarted = performance.now();
      resultRows = (await runSql(lakeDir, sql)).rows.length;
      samples.push(performance.now() - queryStarted);
    }
    timings.push({ name, medianMs: median(samples), minMs: Math.min(...samples), maxMs: Math.max(...samples), resultRows });
  }

  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const report = [
    '# Cold path over 30 days of history',
    '',
    `Command: \`node --import tsx benchmarks/cold-queries.ts --rows ${rows} --days ${days} --runs ${runs}\``,
    `Machine: ${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB; Node ${process.version}; load average before the queries ${os.loadavg()[0]!.toFixed(2)}.`,
    `Date: ${new Date().toISOString().slice(0, 10)}.`,
    '',
    '## Cold write',
    '',
    `${rows} generated records (default chaos) over ${days} days → ${stored} rows through decode → dedup → enrich → window and the real cold sink`,
    `(NDJSON staging with fsync per batch of ${BATCH}, DuckDB conversion to zstd Parquet, hive layout), ${PARTITIONS} partitions, one process:`,
    '',
    '| rows | seconds | rows/s (CPU path + cold sink) | Parquet files | Parquet MB |',
    '|---:|---:|---:|---:|---:|',
    `| ${stored} | ${writeSeconds.toFixed(1)} | ${Math.round(stored / writeSeconds).toLocaleString('en-US')} | ${files.length} | ${(bytes / 2 ** 20).toFixed(1)} |`,
    '',
    '## The README\'s example queries',
    '',
    `Each through \`pulse sql\`'s path (a read-only DuckDB connection, view over the hive files, one SELECT), ${runs} runs; the first run pays for opening the connection and listing the files too.`,
    '',
    '| query | median ms | min ms | max ms | result rows |',
    '|---|---:|---:|---:|---:|',
    ...timings.map((t) => `| ${t.name} | ${t.medianMs.toFixed(0)} | ${t.minMs.toFixed(0)} | ${t.maxMs.toFixed(0)} | ${t.resultRows} |`),
    '',
  ].join('\n');
  fs.writeFileSync(path.join(REPO_ROOT, 'benchmarks', 'results', 'cold-queries.md'), report);
  process.stdout.write(report);
} finally {
  fs.rmSync(lakeDir, { recursive: true, force: true });
}
