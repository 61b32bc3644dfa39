/**
 * Parquet writer race for the cold sink. Every candidate does the sink's real job: read one sealed
 * NDJSON staging file of realistic rows (~1.8 KB descriptions, 10 skills) and write it as one
 * zstd Parquet file (parquetjs-lite has no zstd: it writes snappy). Each run is a fresh child
 * process, so peak RSS is the candidate's own; the event-loop stall is the longest time the JS
 * thread could not serve the hot path while the candidate ran.
 *
 *   node --import tsx benchmarks/parquet-writers.ts [--rows 100000] [--runs 3]
 */
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as Arrow from 'apache-arrow';
import type { EnrichedRow } from '../core/enriched-row.ts';
import { STAGED_TO_SILVER, readStagedSql, sqlString } from '../sinks/parquet/silver-schema.ts';
import { decodeStagedRow, encodeStagedRow } from '../sinks/parquet/staged-row.ts';
import { argument, helpIfAsked } from './lib/argument.ts';
import { median } from './lib/stats.ts';


const CANDIDATES = ['duckdb-read-json', 'duckdb-appender', 'arrow+parquet-wasm', 'parquetjs-lite'] as const;
type Candidate = (typeof CANDIDATES)[number];

const SKILLS = ('python java javascript typescript go rust kafka spark sql postgresql mysql redis docker kubernetes aws azure gcp terraform ' +
  'react angular vue node.js django flask spring airflow dbt snowflake pandas pytorch tensorflow scala c++ c# .net linux git graphql ' +
  'mongodb elasticsearch jenkins ansible hadoop flink tableau excel figma swift kotlin php ruby rails').split(' ');
const REGIONS = ['uk', 'us', 'de', 'fr', 'nl', 'in', 'ca', 'au', 'es', 'it', 'pl', 'se', 'ie', 'remote', 'unknown'];
const WORDS = ('we are looking for an experienced engineer to join our growing team you will design build and operate ' +
  'reliable data pipelines services and tools work closely with product and analytics partners mentor others ' +
  'and help shape the architecture of a platform used by millions of customers every day').split(' ');

/** Deterministic rows (seeded), shaped like the processor's output. */
export function syntheticRows(count: number, seed = 42): EnrichedRow[] {
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const start = Date.UTC(2024, 2, 15);
  const rows: EnrichedRow[] = [];
  for (let i = 0; i < count; i += 1) {
    const skills = new Set<string>();
    while (skills.size < 10) skills.add(pick(SKILLS));
    const words: string[] = [];
    let length = 0;
    while (length < 1800) {
      const word = random() < 0.08 ? pick(SKILLS) : pick(WORDS);
      words.push(word);
      length += word.length + 1;
    }
    const region = pick(REGIONS);
    rows.push({
      event_id: `${(i * 2654435761 >>> 0).toString(16).padStart(8, '0')}-0000-4000-8000-${String(i).padStart(12, '0')}`,
      job_id: String(100_000 + i),
      posted_at_ms: start + Math.floor(random() * 2 * 86_400_000),
      title: `${pick(['Senior', 'Junior', 'Lead', 'Staff'])} ${pick(['Data', 'Backend', 'Platform'])} Engineer`,
      company: `Company ${Math.floor(random() * 5000)}`,
      description: words.join(' '),
      location: region === 'remote' ? 'Remote' : `City ${Math.floor(random() * 200)}, ${region.toUpperCase()}`,
      skills: [...skills],
      experience_level: pick(['junior', 'mid', 'senior', 'lead'] as const),
      region,
      region_area: null,
      city: region === 'remote' ? null : `city-${Math.floor(random() * 200)}`,
      subdivision: null,
      is_remote: region === 'remote' || random() < 0.2,
      source: pick(['linkedin_sim', 'indeed_sim']),
      taxonomy_version: 'bench-1',
      late: random() < 0.02,
      repaired: random() < 0.05,
      kafka_partition: 0,
      kafka_offset: BigInt(i),
      ingested_at_ms: start + 3 * 86_400_000 + i,
    });
  }
  return rows;
}

function readStaged(file: string): EnrichedRow[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .map(decodeStagedRow)
    .filter((row): row is EnrichedRow => row !== undefined);
}

async function writeDuckDbReadJson(input: string, output: string): Promise<void> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const connection = await instance.connect();
  await connection.run(`COPY (SELECT ${STAGED_TO_SILVER} FROM ${readStagedSql([input])}) TO ${sqlString(output)} (FORMAT parquet, COMPRESSION zstd)`);
  connection.closeSync();
  instance.closeSync();
}

async function writeDuckDbAppender(input: string, output: string): Promise<void> {
  const { DuckDBInstance, listValue, timestampValue } = await import('@duckdb/node-api');
  const rows = readStaged(input);
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const connection = await instance.connect();
  await connection.run(`CREATE TEMP TABLE rows (event_id VARCHAR, job_id VARCHAR, posted_at TIMESTAMP, title VARCHAR, company VARCHAR,
    description VARCHAR, location VARCHAR, skills VARCHAR[], experience_level VARCHAR, region VARCHAR, region_area VARCHAR, city VARCHAR,
    subdivision VARCHAR, is_remote BOOLEAN, source VARCHAR, taxonomy_version VARCHAR, late BOOLEAN, repaired BOOLEAN,
    kafka_partition INTEGER, kafka_offset BIGINT, ingested_at TIMESTAMP)`);
  const appender = await connection.createAppender('rows', null, 'temp');
  const text = (value: string | null) => (value === null ? appender.appendNull() : appender.appendVarchar(value));
  for (const row of rows) {
    appender.appendVarchar(row.event_id);
    appender.appendVarchar(row.job_id);
    appender.appendTimestamp(timestampValue(BigInt(row.posted_at_ms) * 1000n));
    appender.appendVarchar(row.title);
    appender.appendVarchar(row.company);
    appender.appendVarchar(row.description);
    text(row.location);
    appender.appendList(listValue(row.skills));
    appender.appendVarchar(row.experience_level);
    appender.appendVarchar(row.region);
    text(row.region_area);
    text(row.city);
    text(row.subdivision);
    appender.appendBoolean(row.is_remote);
    appender.appendVarchar(row.source);
    appender.appendVarchar(row.taxonomy_version);
    appender.appendBoolean(row.late);
    appender.appendBoolean(row.repaired);
    appender.appendInteger(row.kafka_partition);
    appender.appendBigInt(row.kafka_offset);
    appender.appendTimestamp(timestampValue(BigInt(row.ingested_at_ms) * 1000n));
    appender.endRow();
  }
  appender.closeSync();
  await connection.run(`COPY rows TO ${sqlString(output)} (FORMAT parquet, COMPRESSION zstd)`);
  connection.closeSync();
  instance.closeSync();
}

async function writeArrowParquetWasm(input: string, output: string): Promise<void> {
  const arrow = await import('apache-arrow');
  const wasm = await import('parquet-wasm');
  const rows = readStaged(input);
  const utf8 = new arrow.Utf8();
  const column = <T>(type: Arrow.DataType, values: T[]) => arrow.vectorFromArray(values, type);
  const table = new arrow.Table({
    event_id: column(utf8, rows.map((r) => r.event_id)),
    job_id: column(utf8, rows.map((r) => r.job_id)),
    posted_at: column(new arrow.TimestampMillisecond(), rows.map((r) => r.posted_at_ms)),
    title: column(utf8, rows.map((r) => r.title)),
    company: column(utf8, rows.map((r) => r.company)),
    description: column(utf8, rows.map((r) => r.description)),
    location: column(utf8, rows.map((r) => r.location)),
    skills: column(new arrow.List(new arrow.Field('item', new arrow.Utf8(), true)), rows.map((r) => r.skills)),
    experience_level: column(utf8, rows.map((r) => r.experience_level)),
    region: column(utf8, rows.map((r) => r.region)),
    region_area: column(utf8, rows.map((r) => r.region_area)),
    city: column(utf8, rows.map((r) => r.city)),
    subdivision: column(utf8, rows.map((r) => r.subdivision)),
    is_remote: column(new arrow.Bool(), rows.map((r) => r.is_remote)),
    source: column(utf8, rows.map((r) => r.source)),
    taxonomy_version: column(utf8, rows.map((r) => r.taxonomy_version)),
    late: column(new arrow.Bool(), rows.map((r) => r.late)),
    repaired: column(new arrow.Bool(), rows.map((r) => r.repaired)),
    kafka_partition: column(new arrow.Int32(), rows.map((r) => r.kafka_partition)),
    kafka_offset: column(new arrow.Int64(), rows.map((r) => r.kafka_offset)),
    ingested_at: column(new arrow.TimestampMillisecond(), rows.map((r) => r.ingested_at_ms)),
  });
  const properties = new wasm.WriterPropertiesBuilder().setCompression(wasm.Compression.ZSTD).build();
  const bytes = wasm.writeParquet(wasm.Table.fromIPCStream(arrow.tableToIPC(table, 'stream')), properties);
  fs.writeFileSync(output, bytes);
}

async function writeParquetjsLite(input: string, output: string): Promise<void> {
  // @ts-expect-error parquetjs-lite ships no type declarations
  const parquet = (await import('parquetjs-lite')).default;
  const rows = readStaged(input);
  const text = { type: 'UTF8', compression: 'SNAPPY' };
  const optional = { ...text, optional: true };
  const schema = new parquet.ParquetSchema({
    event_id: text,
    job_id: text,
    posted_at: { type: 'TIMESTAMP_MILLIS', compression: 'SNAPPY' },
    title: text,
    company: text,
    description: text,
    location: optional,
    skills: { ...text, repeated: true },
    experience_level: text,
    region: text,
    region_area: optional,
    city: optional,
    subdivision: optional,
    is_remote: { type: 'BOOLEAN' },
    source: text,
    taxonomy_version: text,
    late: { type: 'BOOLEAN' },
    repaired: { type: 'BOOLEAN' },
    kafka_partition: { type: 'INT32' },
    kafka_offset: { type: 'INT64' },
    ingested_at: { type: 'TIMESTAMP_MILLIS', compression: 'SNAPPY' },
  });
  const writer = await parquet.ParquetWriter.openFile(schema, output);
  for (const row of rows) {
    await writer.appendRow({
      ...row,
      posted_at: new Date(row.posted_at_ms),
      ingested_at: new Date(row.ingested_at_ms),
      kafka_offset: Number(row.kafka_offset),
      location: row.location ?? undefined,
      region_area: row.region_area ?? undefined,
      city: row.city ?? undefined,
      subdivision: row.subdivision ?? undefined,
    });
  }
  await writer.close();
}

const WRITERS: Record<Candidate, (input: string, output: string) => Promise<void>> = {
  'duckdb-read-json': writeDuckDbReadJson,
  'duckdb-appender': writeDuckDbAppender,
  'arrow+parquet-wasm': writeArrowParquetWasm,
  'parquetjs-lite': writeParquetjsLite,
};

interface RunResult {
  candidate: Candidate;
  seconds: number;
  bytes: number;
  peakRssMb: number;
  maxStallMs: number;
}

/** Child side: one candidate, one run, result on stdout as JSON. */
async function runOne(candidate: Candidate, input: string, output: string): Promise<RunResult> {
  // Module loading is a once-per-process cost, not part of writing a file.
  await Promise.all([import('@duckdb/node-api'), import('apache-arrow'), import('parquet-wasm'),
    // @ts-expect-error parquetjs-lite ships no type declarations
    import('parquetjs-lite')]);
  // The longest gap between 1 ms ticks: how long the hot path would have waited for the JS thread.
  let maxStallMs = 0;
  let lastTick = performance.now();
  const ticker = setInterval(() => {
    const now = performance.now();
    maxStallMs = Math.max(maxStallMs, now - lastTick);
    lastTick = now;
  }, 1);
  const started = process.hrtime.bigint();
  await WRITERS[candidate](input, output);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await new Promise((resolve) => setTimeout(resolve, 20));
  clearInterval(ticker);
  return {
    candidate,
    seconds,
    bytes: fs.statSync(output).size,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    maxStallMs,
  };
}

function runChild(candidate: Candidate, input: string, output: string): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), ['--child', candidate, input, output], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    });
    child.on('message', (message) => resolve(message as RunResult));
    child.on('exit', (code) => code !== 0 && reject(new Error(`${candidate} exited ${code}`)));
  });
}

async function main(): Promise<void> {
  helpIfAsked(`Usage: node --import tsx benchmarks/parquet-writers.ts [--rows 100000] [--runs 3]\n\nRaces the Parquet writers on the same --rows rows, --runs times each; writes benchmarks/results/parquet-writers.md.`);
  const rowCount = argument('--rows', 100_000);
  const runs = argument('--runs', 3);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parquet-race-'));
  const input = path.join(dir, 'p0-0-staged.sealed');
  fs.writeFileSync(input, `${syntheticRows(rowCount).map(encodeStagedRow).join('\n')}\n`);
  const stagedMb = fs.statSync(input).size / 1e6;
  const versions = Object.fromEntries(
    ['@duckdb/node-api', 'apache-arrow', 'parquet-wasm', 'parquetjs-lite'].map((name) => [
      name,
      (JSON.parse(fs.readFileSync(path.join('node_modules', name, 'package.json'), 'utf8')) as { version: string }).version,
    ]),
  );
  const cpu = os.cpus()[0]?.model ?? 'unknown cpu';
  process.stdout.write(`machine: ${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}\n`);
  process.stdout.write(`versions: ${JSON.stringify(versions)}\n`);
  process.stdout.write(`input: ${rowCount} rows, staged NDJSON ${stagedMb.toFixed(1)} MB; ${runs} runs per candidate, medians\n\n`);
  const results = new Map<Candidate, RunResult[]>();
  for (let run = 0; run < runs; run += 1) {
    // Interleaved, so a slow moment of the machine hits every candidate alike.
    for (const candidate of CANDIDATES) {
      const output = path.join(dir, `${candidate}-${run}.parquet`);
      const result = await runChild(candidate, input, output);
      results.set(candidate, [...(results.get(candidate) ?? []), result]);
      fs.rmSync(output);
    }
  }
  const header = '| writer | rows/s | file MB | peak RSS MB | longest event-loop stall ms |';
  process.stdout.write(`${header}\n|---|---:|---:|---:|---:|\n`);
  for (const candidate of CANDIDATES) {
    const all = results.get(candidate)!;
    const seconds = median(all.map((r) => r.seconds));
    process.stdout.write(
      `| ${candidate} | ${Math.round(rowCount / seconds).toLocaleString('en-US')} | ${(median(all.map((r) => r.bytes)) / 1e6).toFixed(1)} | ` +
        `${median(all.map((r) => r.peakRssMb)).toFixed(0)} | ${median(all.map((r) => r.maxStallMs)).toFixed(0)} |\n`,
    );
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

if (process.argv[2] === '--child') {
  const result = await runOne(process.argv[3] as Candidate, process.argv[4]!, process.argv[5]!);
  process.send!(result, () => process.exit(0));
} else if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
