/**
 * What a processor's claim costs when the previous owner died with rows staged: the generator's
 * events (default chaos) are processed and staged into one partition's open staging file until it
 * holds --mb MB, the sink is dropped without closing (as a kill leaves it), and a new sink's
 * recover() is timed with a 5 ms sampler of heap used and RSS above the level just before it.
 * Run with --expose-gc so that level is measured after a full GC. Results:
 * benchmarks/results/cold-recovery.md.
 *
 *   node --expose-gc --import tsx benchmarks/cold-recovery.ts [--mb 100] [--runs 3]
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
import { lakePaths } from '../sinks/parquet/lake-paths.ts';
import { createEnricher } from '../taxonomy/enricher.ts';
import { median } from './lib/stats.ts';

const { values: flags } = parseArgs({
  options: { mb: { type: 'string', default: '100' }, runs: { type: 'string', default: '3' }, help: { type: 'boolean', default: false } },
});
if (flags.help) {
  process.stdout.write('Usage: node --expose-gc --import tsx benchmarks/cold-recovery.ts [--mb 100] [--runs 3]\n');
  process.exit(0);
}
const targetBytes = Number(flags.mb) * 1e6;
const runs = Number(flags.runs);
if (!(targetBytes > 0) || !Number.isInteger(runs) || runs < 1) {
  process.stderr.write('--mb must be a positive number and --runs a whole number ≥ 1\n');
  process.exit(1);
}
const collect = (globalThis as { gc?: () => void }).gc;
if (collect === undefined) {
  process.stderr.write('run with node --expose-gc, so the level before each recovery is measured after a full GC\n');
  process.exit(1);
}
const log = (line: string) => process.stderr.write(`${line}\n`);
const BATCH = 2000;

/** Stages events into partition 0 of a new lake until its open file holds `targetBytes`. */
async function stageUntilFull(lakeDir: string): Promise<{ rows: number; bytes: number; lastOffset: number }> {
  const sink = createColdSink({ lakeDir, maxStagedRows: Number.MAX_SAFE_INTEGER, maxStagedBytes: Number.MAX_SAFE_INTEGER, maxStagedAgeMs: Number.MAX_SAFE_INTEGER });
  await sink.recover(0, -1);
  const state = newPartitionState(0, 3_600_000);
  const enricher = createEnricher();
  const now = Date.now();
  const generator = createEventGenerator({ seed: 'cold-recovery', startTime: now - 86_400_000, spanMs: 86_400_000 - 60_000, count: Math.ceil(targetBytes / 1000) });
  const staging = lakePaths(lakeDir).staging;
  let offset = 0;
  let rows = 0;
  let batch: ConsumedMessage[] = [];
  let lastOffset = -1;
  for (const record of generator) {
    batch.push({ offset: String(offset++), key: record.key, value: record.value, headers: {}, timestamp: String(now) });
    if (batch.length < BATCH) continue;
    const outcome = processBatch(state, batch, enricher, { allowedLatenessMs: 2 * 3_600_000, decode: DEFAULT_DECODE_OPTIONS }, Date.now());
    await sink.stage(outcome);
    rows += outcome.rows.length;
    lastOffset = outcome.lastOffset;
    batch = [];
    const bytes = fs.readdirSync(staging).reduce((sum, name) => sum + fs.statSync(path.join(staging, name)).size, 0);
    if (bytes >= targetBytes) return { rows, bytes, lastOffset };
  }
  throw new Error('the generator ran out before the staging file was full');
}

const samples: Array<{ seconds: number; heapMb: number; rssMb: number; kept: number }> = [];
let staged = { rows: 0, bytes: 0 };
for (let run = 1; run <= runs; run++) {
  const lakeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-cold-recovery-'));
  try {
    log(`run ${run} of ${runs}: staging ${flags.mb} MB…`);
    const { rows, bytes, lastOffset } = await stageUntilFull(lakeDir);
    staged = { rows, bytes };
    collect();
    const before = process.memoryUsage();
    let peakHeap = before.heapUsed;
    let peakRss = before.rss;
    const sampler = setInterval(() => {
      const now = process.memoryUsage();
      peakHeap = Math.max(peakHeap, now.heapUsed);
      peakRss = Math.max(peakRss, now.rss);
    }, 5);
    const sink = createColdSink({ lakeDir });
    const started = performance.now();
    const recovery = await sink.recover(0, lastOffset);
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    await sink.close();
    samples.push({ seconds, heapMb: (peakHeap - before.heapUsed) / 1e6, rssMb: (peakRss - before.rss) / 1e6, kept: recovery.keptStagedRows });
    log(`  ${rows} rows, ${(bytes / 1e6).toFixed(1)} MB staged: recovered in ${seconds.toFixed(2)} s, heap +${samples.at(-1)!.heapMb.toFixed(0)} MB, RSS +${samples.at(-1)!.rssMb.toFixed(0)} MB`);
  } finally {
    fs.rmSync(lakeDir, { recursive: true, force: true });
  }
}
const range = (values: number[], digits: number) => `${median(values).toFixed(digits)} (${Math.min(...values).toFixed(digits)} – ${Math.max(...values).toFixed(digits)})`;
const report = [
  '# Cold recovery: a claim after the previous owner died with rows staged',
  '',
  `Command: \`node --expose-gc --import tsx benchmarks/cold-recovery.ts --mb ${flags.mb} --runs ${runs}\` — ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}.`,
  '',
  `One partition's open staging file with ${staged.rows.toLocaleString('en-US')} generator rows (${(staged.bytes / 1e6).toFixed(1)} MB, default chaos), left as a kill leaves it; a new sink's \`recover()\` up to the last staged offset (every row kept). Peaks above the level just before the recovery (after a full GC), sampled every 5 ms; medians of ${runs} runs (min – max).`,
  '',
  '| recover() seconds | heap used peak, MB | RSS peak, MB | rows kept |',
  '| ---: | ---: | ---: | ---: |',
  `| ${range(samples.map((sample) => sample.seconds), 2)} | +${range(samples.map((sample) => sample.heapMb), 0)} | +${range(samples.map((sample) => sample.rssMb), 0)} | ${samples.at(-1)!.kept.toLocaleString('en-US')} |`,
  '',
  'The recovery scans the staged lines in 4 MB chunks and copies the kept ones byte for byte, holding only the place of each kept line, never the row: its heap peak is the passing garbage of the scan plus those places, not the staged bytes. The version before (decoding every staged row into the heap, then re-encoding it) measured +317 MB of heap and +643 MB of RSS over 100 MB staged, in 1.76 s, with a quicker script of the same shape (43,012 rows of one repeated ASCII description; the new code: +18 MB, +76 MB, 0.72 s on it); see docs/reliability.md, fault 11.',
  '',
];
fs.writeFileSync(path.join(REPO_ROOT, 'benchmarks/results/cold-recovery.md'), report.join('\n'));
log('wrote benchmarks/results/cold-recovery.md');
// The staging sinks were dropped unclosed on purpose (as a kill leaves them); their timers would keep the process up.
process.exit(0);
