/**
 * The standard corpus every figure of the pipeline benchmark uses: a recorded generator corpus
 * (default chaos rates, ~1.9 kB events) over one day of event time, made once per (seed, count)
 * and cached under the git-ignored .cache/bench/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../core/config.ts';
import type { ConsumedMessage } from '../../core/kafka/types.ts';
import { readCorpus, runRecord, writeCorpus } from '../../generator/index.ts';

export const CORPUS_START = '2025-03-03T00:00:00Z';
export const CORPUS_SPAN_MS = 24 * 3_600_000;
const CACHE_DIR = path.join(REPO_ROOT, '.cache', 'bench');

export interface CorpusStats {
  file: string;
  records: number;
  /** Key + value bytes of all records. */
  bytes: number;
  meanRecordBytes: number;
  /** Mean of the records under 64 kB: the size of a normal posting (oversized chaos left out). */
  typicalRecordBytes: number;
  madeNow: boolean;
  /** Seconds it took to record it (0 when cached). */
  recordSeconds: number;
}

export async function ensureCorpus(seed: string, count: number, log: (line: string) => void): Promise<CorpusStats> {
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  const file = path.join(CACHE_DIR, `corpus-${seed}-${count}.tpc.gz`);
  let madeNow = false;
  let recordSeconds = 0;
  if (!fs.existsSync(file)) {
    log(`recording the standard corpus: ${count.toLocaleString('en-US')} events, seed ${seed} (once; cached in ${path.relative(REPO_ROOT, file)})`);
    const partial = `${file}.partial-${process.pid}`;
    let lastLog = Date.now();
    const summary = await runRecord({
      file: partial,
      generator: { seed, count, startTime: CORPUS_START, spanMs: CORPUS_SPAN_MS },
      describeRun: { purpose: 'benchmark corpus' },
      onProgress: ({ sent }) => {
        if (Date.now() - lastLog < 5000) return;
        lastLog = Date.now();
        log(`  recorded ${sent.toLocaleString('en-US')} / ${count.toLocaleString('en-US')}`);
      },
    });
    fs.renameSync(partial, file);
    madeNow = true;
    recordSeconds = summary.elapsedMs / 1000;
  }
  let records = 0;
  let bytes = 0;
  let typical = 0;
  let typicalBytes = 0;
  for await (const record of readCorpus(file)) {
    const size = record.value.length + (record.key?.length ?? 0);
    records++;
    bytes += size;
    if (size < 65_536) {
      typical++;
      typicalBytes += size;
    }
  }
  return { file, records, bytes, meanRecordBytes: bytes / records, typicalRecordBytes: typicalBytes / typical, madeNow, recordSeconds };
}

/** FNV-1a of the key: a stable stand-in for the producer's partitioner (same key → same partition). */
function partitionOf(key: Buffer | null, partitions: number, index: number): number {
  if (key === null) return index % partitions;
  let hash = 0x811c9dc5;
  for (const byte of key) hash = Math.imul(hash ^ byte, 0x01000193);
  return (hash >>> 0) % partitions;
}

/**
 * The corpus as Kafka would hand it to the processor after a flat-out `replay --restamp`: per
 * partition, in order, with offsets, and a CreateTime equal to the end of the corpus's event-time
 * range (re-stamping shifts that end to the moment of the replay), so future-chaos records are
 * rejected as FUTURE_TIMESTAMP exactly as in the end-to-end runs.
 */
export async function corpusAsMessages(file: string, partitions: number): Promise<ConsumedMessage[][]> {
  const byPartition: ConsumedMessage[][] = Array.from({ length: partitions }, () => []);
  const header = await readCorpus(file).header();
  const timestamp = String(header.endMs as number);
  for await (const record of readCorpus(file)) {
    const list = byPartition[partitionOf(record.key, partitions, record.index)]!;
    list.push({ offset: String(list.length), key: record.key, value: record.value, headers: {}, timestamp });
  }
  return byPartition;
}

/**
 * The corpus without its future-chaos records, for replays whose passes lie in the past (memory):
 * there a record "7 days ahead of the pass" is still behind the replay's CreateTime, so it would
 * not be rejected and would push the watermark days ahead, making the passes after it late.
 */
export async function corpusWithoutFutureChaos(file: string): Promise<string> {
  const target = file.replace(/\.tpc\.gz$/, '-no-future.tpc.gz');
  if (fs.existsSync(target)) return target;
  const reader = readCorpus(file);
  const header = await reader.header();
  async function* kept() {
    for await (const record of readCorpus(file)) if (!record.chaos.includes('future')) yield record;
  }
  const partial = `${target}.partial-${process.pid}`;
  await writeCorpus(partial, kept(), { ...header, derivedFrom: path.basename(file), without: 'future' });
  fs.renameSync(partial, target);
  return target;
}
