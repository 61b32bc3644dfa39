/**
 * Processor memory over a long replay: one `pulse process` child (both sinks) reads a fresh topic
 * while this process replays the standard corpus into it flat out, `loops` times; each pass is
 * re-stamped to follow the previous one in event time (the last pass ends now) and gets new event
 * ids, so every pass is new to dedup and windows keep moving, as in a long-running stream. The
 * child's RSS (from /proc) is sampled every second against the records it has applied.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Redis } from 'ioredis';
import { createKafkaClient } from '../../core/kafka/create-kafka-client.ts';
import type { KafkaClientName } from '../../core/kafka/types.ts';
import { publishRecords, readCorpus } from '../../generator/index.ts';
import type { BenchStack } from '../lib/bench-stack.ts';
import { restampedPasses } from './restamped-passes.ts';
import { fenceOffsets, rssBytes, spawnProcessor, stopProcessors } from './processor-children.ts';
import { BENCH_PARTITIONS, benchTopicName, createBenchTopics, deleteBenchTopics } from './replay-topic.ts';

export interface MemorySample {
  seconds: number;
  applied: number;
  rssMB: number;
}

export interface MemoryRun {
  client: KafkaClientName;
  events: number;
  loops: number;
  seconds: number;
  samples: MemorySample[];
  /** RSS when 10%, 50%, 90% and 100% of the records were applied. */
  rssAtMB: { p10: number; p50: number; p90: number; end: number; max: number };
  /** Least-squares slope of RSS over records applied, after the first 20%: MB per million events. */
  slopeMBPerMillion: number;
}

function slope(points: Array<[number, number]>): number {
  const n = points.length;
  if (n < 2) return Number.NaN;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const sxy = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  const sxx = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  return sxx === 0 ? Number.NaN : sxy / sxx;
}

export async function runMemory(
  stack: BenchStack,
  redis: Redis,
  corpusFile: string,
  corpusRecords: number,
  targetEvents: number,
  client: KafkaClientName,
  log: (line: string) => void,
): Promise<MemoryRun> {
  const loops = Math.max(1, Math.ceil(targetEvents / corpusRecords));
  const header = await readCorpus(corpusFile).header();
  const spanMs = (header.endMs as number) - (header.startMs as number);
  const kafka = createKafkaClient('confluent', { brokers: stack.brokers, clientId: 'bench-memory' });
  const admin = kafka.admin();
  await admin.connect();
  const topic = benchTopicName(`memory-${client}`);
  const dlqTopic = await createBenchTopics(admin, topic);
  const lakeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-bench-lake-'));
  const child = spawnProcessor(stack.env, { client, group: `bench-${topic}`, topic, dlqTopic, lakeDir, id: 'bench-memory' });
  const producer = kafka.producer({ idempotent: true });
  const samples: MemorySample[] = [];
  const started = performance.now();
  let sampling = true;
  const sampler = (async () => {
    let lastLog = 0;
    while (sampling) {
      const rss = rssBytes(child.child.pid!);
      const applied = (await fenceOffsets(redis, topic, BENCH_PARTITIONS)).reduce((sum, fence) => sum + fence + 1, 0);
      const seconds = (performance.now() - started) / 1000;
      if (rss !== undefined) samples.push({ seconds, applied, rssMB: rss / 1e6 });
      if (seconds - lastLog >= 10) {
        lastLog = seconds;
        log(`    ${seconds.toFixed(0)} s: ${applied.toLocaleString('en-US')} / ${(loops * corpusRecords).toLocaleString('en-US')} applied, RSS ${((rss ?? 0) / 1e6).toFixed(0)} MB`);
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  })();
  try {
    await producer.connect();
    const lastPassEnd = Date.now();
    // Pass k ends (loops − 1 − k) spans before now: consecutive days of event time.
    const replay = await publishRecords(
      producer,
      topic,
      restampedPasses(corpusFile, { loops, passEndMs: (pass) => lastPassEnd - (loops - 1 - pass) * spanMs }),
      { batchSize: 500, maxInFlight: 4 },
    );
    const ends = (await admin.topicOffsets(topic)).sort((a, b) => a.partition - b.partition).map((entry) => Number(entry.high));
    const total = ends.reduce((sum, end) => sum + end, 0);
    const deadline = performance.now() + Math.max(300_000, (total / 300) * 1000);
    for (;;) {
      const fences = await fenceOffsets(redis, topic, BENCH_PARTITIONS);
      if (fences.every((fence, partition) => fence >= ends[partition]! - 1)) break;
      if (child.child.exitCode !== null) throw new Error(`the processor exited (${child.child.exitCode}): ${child.tail()}`);
      if (performance.now() > deadline) throw new Error(`memory run: fences ${fences.join(', ')} of ${ends.join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    sampling = false;
    await sampler;
    const at = (fraction: number) => samples.find((sample) => sample.applied >= fraction * total)?.rssMB ?? Number.NaN;
    const steady = samples.filter((sample) => sample.applied >= 0.2 * total).map((sample): [number, number] => [sample.applied / 1e6, sample.rssMB]);
    return {
      client,
      events: replay.sent,
      loops,
      seconds: (performance.now() - started) / 1000,
      samples,
      rssAtMB: { p10: at(0.1), p50: at(0.5), p90: at(0.9), end: samples.at(-1)?.rssMB ?? Number.NaN, max: Math.max(...samples.map((sample) => sample.rssMB)) },
      slopeMBPerMillion: slope(steady),
    };
  } finally {
    sampling = false;
    await sampler.catch(() => undefined);
    await stopProcessors([child]);
    await producer.disconnect().catch(() => undefined);
    await admin.disconnect().catch(() => undefined);
    fs.rmSync(lakeDir, { recursive: true, force: true });
    await deleteBenchTopics(stack.brokers, [topic, dlqTopic]).catch(() => undefined);
  }
}
