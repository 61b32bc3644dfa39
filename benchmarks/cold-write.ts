/**
 * The cold sink's hot-path cost. Part 1 races the two staging formats on what stage() does per
 * batch (encode, append, fdatasync): NDJSON lines vs an Arrow IPC stream batch. Part 2 drives the
 * real sink: stage() latency per batch while sealed files convert in the background, then close().
 *
 *   node --import tsx benchmarks/cold-write.ts [--rows 100000] [--batch 500]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import type { EnrichedRow } from '../core/enriched-row.ts';
import { createColdSink } from '../sinks/parquet/cold-sink.ts';
import { encodeStagedRow } from '../sinks/parquet/staged-row.ts';
import { argument, helpIfAsked } from './lib/argument.ts';
import { percentile } from './lib/stats.ts';
import { syntheticRows } from './parquet-writers.ts';

helpIfAsked(`Usage: node --import tsx benchmarks/cold-write.ts [--rows 100000] [--batch 500]\n\nWrites --rows enriched rows through the cold sink in batches of --batch and reports the write rate.`);

function arrowBatch(rows: EnrichedRow[]): Uint8Array {
  return tableToIPC(
    tableFromArrays({
      event_id: rows.map((r) => r.event_id),
      job_id: rows.map((r) => r.job_id),
      posted_at_ms: Float64Array.from(rows, (r) => r.posted_at_ms),
      title: rows.map((r) => r.title),
      company: rows.map((r) => r.company),
      description: rows.map((r) => r.description),
      location: rows.map((r) => r.location ?? ''),
      skills: rows.map((r) => r.skills.join('\u0001')),
      experience_level: rows.map((r) => r.experience_level),
      region: rows.map((r) => r.region),
      is_remote: rows.map((r) => r.is_remote),
      late: rows.map((r) => r.late),
      kafka_offset: BigInt64Array.from(rows, (r) => r.kafka_offset),
    }),
    'stream',
  );
}

async function stagingRace(rows: EnrichedRow[], batchSize: number, dir: string): Promise<void> {
  process.stdout.write('| staging format | rows/s (encode + append + fdatasync) | p50 ms/batch | p99 ms/batch | bytes/row |\n|---|---:|---:|---:|---:|\n');
  for (const [name, encode] of [
    ['ndjson', (batch: EnrichedRow[]) => Buffer.from(`${batch.map(encodeStagedRow).join('\n')}\n`)],
    ['arrow-ipc', arrowBatch],
  ] as const) {
    const file = path.join(dir, `stage.${name}`);
    const handle = await fs.promises.open(file, 'a');
    const latencies: number[] = [];
    const started = performance.now();
    for (let i = 0; i < rows.length; i += batchSize) {
      const t0 = performance.now();
      await handle.write(encode(rows.slice(i, i + batchSize)));
      await handle.datasync();
      latencies.push(performance.now() - t0);
    }
    const seconds = (performance.now() - started) / 1000;
    await handle.close();
    const bytes = fs.statSync(file).size;
    process.stdout.write(
      `| ${name} | ${Math.round(rows.length / seconds).toLocaleString('en-US')} | ${percentile(latencies, 50).toFixed(1)} | ${percentile(latencies, 99).toFixed(1)} | ${Math.round(bytes / rows.length)} |\n`,
    );
    fs.rmSync(file);
  }
}

async function sinkRun(rows: EnrichedRow[], batchSize: number, dir: string): Promise<void> {
  // Seal every 20,000 rows so conversions run in the background while staging goes on.
  const sink = createColdSink({ lakeDir: path.join(dir, 'lake'), maxStagedRows: 20_000 });
  await sink.recover(0, -1);
  const latencies: number[] = [];
  const started = performance.now();
  for (let i = 0; i < rows.length; i += batchSize) {
    const batch = rows.slice(i, i + batchSize);
    const t0 = performance.now();
    await sink.stage({ partition: 0, firstOffset: i, lastOffset: i + batch.length - 1, rows: batch });
    latencies.push(performance.now() - t0);
  }
  const stagedSeconds = (performance.now() - started) / 1000;
  await sink.close();
  const totalSeconds = (performance.now() - started) / 1000;
  const parquetBytes = fs
    .readdirSync(path.join(dir, 'lake'), { recursive: true })
    .map(String)
    .filter((name) => name.endsWith('.parquet'))
    .reduce((sum, name) => sum + fs.statSync(path.join(dir, 'lake', name)).size, 0);
  process.stdout.write(
    `\nsink: staged ${rows.length} rows in ${stagedSeconds.toFixed(1)} s (${Math.round(rows.length / stagedSeconds).toLocaleString('en-US')} rows/s), ` +
      `stage() p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms, max ${Math.max(...latencies).toFixed(1)} ms per ${batchSize}-row batch; ` +
      `all in Parquet after ${totalSeconds.toFixed(1)} s; ${(parquetBytes / 1e6).toFixed(1)} MB of Parquet\n`,
  );
}

const rowCount = argument('--rows', 100_000);
const batchSize = argument('--batch', 500);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cold-write-'));
process.stdout.write(`machine: ${os.cpus()[0]?.model}, ${os.cpus().length} cores, Node ${process.version}; ${rowCount} rows, batches of ${batchSize}\n\n`);
const rows = syntheticRows(rowCount);
await stagingRace(rows, batchSize, dir);
await sinkRun(rows, batchSize, dir);
fs.rmSync(dir, { recursive: true, force: true });
